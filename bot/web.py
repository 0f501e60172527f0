"""The HTTP side: Slack's requests at `POST /slack/events`, and `GET /healthz` for the orchestrator."""

from __future__ import annotations

from flask import Flask, Response, jsonify, request
from slack_bolt import App
from slack_bolt.adapter.flask import SlackRequestHandler

from bot.runtime import Runtime


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

    return web
