"""The Bolt app factory. Listeners live in `bot/listeners/<kind>/` and each folder registers its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.listeners import register_listeners
from bot.replay import replay_guard
from bot.request_ids import listener_pool
from bot.runtime import Runtime
from config.settings import Settings


def web_client(runtime: Runtime) -> WebClient:
    return _client(runtime.settings)


def _client(settings: Settings) -> WebClient:
    token, _secret = settings.require_slack()
    return WebClient(token=token, base_url=settings.slack_api_url, timeout=10)


def bolt_app(settings: Settings) -> App:
    """The Bolt app without its listeners. Building it calls auth.test: a wrong token stops the start, and
    no request waits for it. Needing only the settings, it can be built while the schema is upgraded."""
    return App(
        # Named, or Bolt names it from `inspect.stack()`, which reads the source of every frame and
        # walks every loaded module, running any that is loaded lazily (participation.invites.ics).
        name="osallisuusbotti",
        client=_client(settings),
        signing_secret=settings.require_slack()[1],
        token_verification_enabled=True,
        listener_executor=listener_pool(),  # listeners log with the id of the request they handle
    )


def create_app(runtime: Runtime, app: App | None = None) -> App:
    """The Bolt app with its listeners, each handed `runtime`; `app` from `bolt_app` if built already."""
    if app is None:
        app = bolt_app(runtime.settings)
    app.middleware(replay_guard(runtime))  # a request seen before is acknowledged and left undone

    @app.middleware
    def _runtime(context: BoltContext, next: Callable[[], Any]) -> Any:
        context["runtime"] = runtime
        return next()

    register_listeners(app)
    return app
