"""The routes: `GET /plan` (the active plan, the year being reported) and `GET /plan/<plan>/<year>`.

A page opens with the plan's secret link (`?token=…`), or for anyone when `PUBLIC_PROGRESS_PAGE` is
set; evidence is shown only with the token. An unknown plan or year and a wrong or missing token answer
the same 404 page, in the visitor's language. Answers carry an ETag of their bytes, so a browser's
`If-None-Match` gets a 304, and the token never leaves the page as a referrer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from urllib.parse import urlencode

from flask import Blueprint, Response, request
from werkzeug.exceptions import HTTPException

from config.settings import Settings
from participation.dashboard import StatusError, build_status
from participation.i18n import LANGUAGES, translator
from participation.meetings.indicators import held_and_next
from participation.storage.db import Database
from web.language import asked_language, choose
from web.page import page_of
from web.reads import evidence_of, last_change, opens, plan_named
from web.render import draw

_YEAR_DIGITS = 4


def progress_pages(db: Database, settings: Settings, now: Callable[[], dt.datetime]) -> Blueprint:
    pages = Blueprint("progress", __name__)

    @pages.get("/plan")
    def active() -> Response:
        return _answer(db, settings, now(), None, None)

    @pages.get("/plan/<plan_id>/<year>")
    def chosen(plan_id: str, year: str) -> Response:
        number = int(year) if len(year) == _YEAR_DIGITS and year.isascii() and year.isdigit() else None
        if number is None:
            return _not_found(settings)
        return _answer(db, settings, now(), plan_id, number)

    @pages.app_errorhandler(404)
    def missing(error: HTTPException) -> Response | HTTPException:
        """An address under /plan that no route takes (`/plan//`, `/plan/x`) gets the page's own 404."""
        return _not_found(settings) if request.path.startswith("/plan") else error

    return pages


def _language(settings: Settings) -> str:
    return choose(request.args.get("lang"), request.accept_languages.values(), settings.default_language)


def _answer(
    db: Database, settings: Settings, now: dt.datetime, plan_id: str | None, year: int | None
) -> Response:
    language = _language(settings)
    _ = translator(language)
    token = request.args.get("token", "")
    with db.session() as session:
        plan = plan_named(session, plan_id)
        secret = opens(plan, token)
        if plan is None or not (secret or settings.public_progress_page):
            return _not_found(settings)
        try:
            view = build_status(session, language, now, settings.zone, year, plan)
        except StatusError:
            return _not_found(settings)
        held, _next = held_and_next(session, view.year, now, settings.zone)
        evidence = evidence_of(session, plan.id, view.year) if secret else None
        updated = last_change(session, plan, view.year, now)
    page = page_of(view, _, settings.zone, held, evidence, updated)
    keep = {"lang": asked_language(request.args.get("lang")), "token": token if secret else None}
    link = _linker(keep)
    switch = {code: link(request.path, lang=code) for code in LANGUAGES}
    body = draw("progress.html", language, page=page, link=link, switch=switch)
    return _cached(body, secret)


def _linker(keep: dict[str, str | None]) -> Callable[..., str]:
    """Links within the page keep the chosen language and the secret, and nothing else of the query."""

    def link(path: str, **changes: str) -> str:
        query = {key: value for key, value in {**keep, **changes}.items() if value}
        return path + ("?" + urlencode(query) if query else "")

    return link


def _cached(body: str, secret: bool) -> Response:
    data = body.encode("utf-8")
    etag = hashlib.sha256(data).hexdigest()[:32]
    headers = {
        "Cache-Control": ("private" if secret else "public") + ", max-age=60, must-revalidate",
        "Vary": "Accept-Language",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
    }
    if secret:
        headers["X-Robots-Tag"] = "noindex, nofollow"
    if request.if_none_match.contains(etag):
        response = Response(status=304, headers=headers)
    else:
        response = Response(data, mimetype="text/html", headers=headers)
    response.set_etag(etag)
    return response


def _not_found(settings: Settings) -> Response:
    language = _language(settings)
    body = draw("not_found.html", language, switch={code: f"?lang={code}" for code in LANGUAGES})
    return Response(
        body,
        status=404,
        mimetype="text/html",
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "Vary": "Accept-Language"},
    )
