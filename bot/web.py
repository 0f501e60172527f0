"""The HTTP side: Slack's requests at `POST /slack/events`, `GET /healthz` for the orchestrator, and each
network's subscribable calendar at `GET /calendar/<network>.ics?token=…`, and the plan's progress page
(`GET /plan`, the `web` package)."""

from __future__ import annotations

from flask import Flask, Response, jsonify, request
from slack_bolt import App
from slack_bolt.adapter.flask import SlackRequestHandler
from sqlalchemy import select

from bot.request_ids import with_request_ids
from bot.runtime import Runtime
from participation.invites.ics import feed_ics
from participation.meetings.notify import invite_for
from participation.meetings.texts import network_name
from participation.secret_links import opens_with
from participation.storage.models import Meeting, NetworkRecord
from web import progress_pages


def create_web_app(app: App, runtime: Runtime) -> Flask:
    web = Flask("osallisuusbotti")
    handler = SlackRequestHandler(app)

    @web.post("/slack/events")
    def slack_events() -> Response:
        return handler.handle(request)

    @web.get("/healthz")
    def healthz() -> tuple[Response, int]:
        if runtime.db.healthy():
            return jsonify(status="ok"), 200
        return jsonify(status="database unavailable"), 503

    @web.get("/calendar/<network_id>.ics")
    def calendar(network_id: str) -> Response:
        return _feed(runtime, network_id, request.args.get("token", ""))

    web.register_blueprint(progress_pages(runtime.db, runtime.settings, runtime.now))
    web.wsgi_app = with_request_ids(web.wsgi_app)  # type: ignore[method-assign, assignment]
    return web


def _feed(runtime: Runtime, network_id: str, token: str) -> Response:
    """The network's meetings for subscribing calendars. A wrong token looks like a missing network."""
    with runtime.db.session() as session:
        network = session.get(NetworkRecord, network_id)
        if network is None or not opens_with(network.feed_token, token):
            return Response("not found\n", status=404, mimetype="text/plain")
        meetings = session.scalars(
            select(Meeting).where(Meeting.network_id == network_id).order_by(Meeting.starts_at)
        )
        now = runtime.now()
        invites = [invite_for(runtime.settings, meeting, (), now) for meeting in meetings]
    body = feed_ics(
        invites, network_name(network_id, runtime.settings.default_language), runtime.settings.zone
    )
    return Response(body, mimetype="text/calendar", headers={"Cache-Control": "private, max-age=300"})
