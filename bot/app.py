"""The Bolt app factory. Listeners live in `bot/listeners/<kind>/` and each folder registers its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.listeners import register_listeners
from bot.runtime import Runtime


def web_client(runtime: Runtime) -> WebClient:
    token, _secret = runtime.settings.require_slack()
    return WebClient(
        token=token,
        base_url=runtime.settings.slack_api_url,
        timeout=10,
    )


def create_app(runtime: Runtime) -> App:
    app = App(
        client=web_client(runtime),
        signing_secret=runtime.settings.require_slack()[1],
        # auth.test as the app is built: a wrong token stops the start, and no request waits for it.
        token_verification_enabled=True,
    )

    @app.middleware
    def _runtime(context: BoltContext, next: Callable[[], Any]) -> Any:
        context["runtime"] = runtime
        return next()

    register_listeners(app)
    return app
