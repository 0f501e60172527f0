"""The progress page over HTTP: the same figures as `osallisuus status --format json`, the secret link,
languages, caching, and answers to bad input that reveal nothing."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import requests
from click.testing import CliRunner

from console.main import cli
from participation.storage.models import Confirmation, IndicatorRecord
from tests.conftest import COORDINATOR
from tests.support.clock import Clock
from tests.support.running import RunningBot, texts
from tests.web.support import PLAN, indicator_rows, token

YES_NO_SV = {True: "ja", False: "nej", None: "–"}


def _get(bot: RunningBot, path: str, language: str = "fi", **params: str) -> requests.Response:
    return requests.get(bot.url + path, params=params, headers={"Accept-Language": language}, timeout=10)


def test_the_page_shows_what_status_json_shows_for_the_same_plan_and_year(
    year_bot: RunningBot, clock: Clock, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.set(dt.datetime.now(dt.UTC))  # the console reads the real time: both answer for today
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = CliRunner().invoke(cli, ["status", "--year", "2025", "--lang", "sv", "--format", "json"])
    assert result.exit_code == 0, result.output
    status = json.loads(result.output)
    page = _get(year_bot, f"/plan/{PLAN}/2025", lang="sv", token=token(year_bot))
    assert page.status_code == 200
    rows = indicator_rows(page.text)
    indicators = [i for p in status["priorities"] for m in p["measures"] for i in m["indicators"]]
    assert sorted(rows) == sorted(i["id"] for i in indicators)
    for indicator in indicators:
        text, state, value, target, met = rows[indicator["id"]][:5]
        assert text == indicator["text"]
        assert state == ("bekräftad" if indicator["state"] == "confirmed" else "inte rapporterad ännu")
        assert value == indicator["display"]
        assert met == YES_NO_SV[indicator["met"]], indicator["id"]
        if indicator["target"] is None:
            assert target == "–"
        else:
            bounds = [b for b in (indicator["target"]["min"], indicator["target"]["max"]) if b is not None]
            assert all(f"{b:g}".replace(".", ",") in target for b in bounds), (target, bounds)
    assert f"{status['confirmed']}/{status['total']}" in page.text
    assert f"<title>Delaktighetsplanens framskridande: {status['plan_title']} 2025</title>" in page.text


def test_the_secret_link_shows_evidence_and_no_one_by_name(year_bot: RunningBot) -> None:
    page = _get(year_bot, f"/plan/{PLAN}/2025", token=token(year_bot)).text
    assert "Sisällöt julkaistu" in page
    assert 'href="https://example.org/palaute"' in page
    rows = indicator_rows(page)
    assert rows["survey-realised"][5] == "seurantamittarin vastuuhenkilö"
    assert rows["network-meetings"][5] == "botti, omista tiedoistaan"
    for user_id in ("UFI00001", "USV00001", "UEN00001", COORDINATOR, "Aino", "Sven", "Emma", "Kaisa"):
        assert user_id not in page


def test_a_wrong_or_missing_token_and_an_unknown_plan_or_year_answer_the_same_404(
    year_bot: RunningBot,
) -> None:
    secret = token(year_bot)
    wrong = [
        _get(year_bot, "/plan", "sv"),
        _get(year_bot, "/plan", "sv", token="guess"),
        _get(year_bot, f"/plan/{PLAN}/2025", "sv", token=secret[:-1]),
        _get(year_bot, "/plan/no-such-plan/2025", "sv", token="guess"),
        _get(year_bot, "/plan/sotepe-2026-2029/2027", "sv", token=secret),  # another plan's token
        _get(year_bot, f"/plan/{PLAN}/2031", "sv", token=secret),  # outside the plan's period
        _get(year_bot, f"/plan/{PLAN}/20x5", "sv", token=secret),
        _get(year_bot, f"/plan/{PLAN}", "sv", token=secret),  # no route takes it
    ]
    assert {answer.status_code for answer in wrong} == {404}
    assert len({answer.text for answer in wrong}) == 1
    assert '<html lang="sv">' in wrong[0].text and "<h1>Sidan hittades inte</h1>" in wrong[0].text
    assert "Traceback" not in wrong[0].text and PLAN not in wrong[0].text
    finnish = _get(year_bot, "/plan", "fi-FI,fi;q=0.9", lang="xx")
    assert finnish.status_code == 404 and "<h1>Sivua ei löytynyt</h1>" in finnish.text


def test_the_language_follows_the_link_then_the_browser_and_links_keep_it(year_bot: RunningBot) -> None:
    secret = token(year_bot)
    swedish = _get(year_bot, "/plan", "de-DE,sv;q=0.8", token=secret)
    assert '<html lang="sv">' in swedish.text and "Delaktighetsplanens framskridande" in swedish.text
    chosen = _get(year_bot, "/plan", "sv", lang="en", token=secret)
    assert '<html lang="en">' in chosen.text and "<title>Progress of the participation plan" in chosen.text
    assert f'href="/plan/{PLAN}/2024?lang=en&amp;token={secret}"' in chosen.text
    assert f'href="/plan?lang=fi&amp;token={secret}" lang="fi"' in chosen.text
    unknown = _get(year_bot, "/plan", "sv", lang="<b>x</b>", token=secret)
    assert (
        unknown.status_code == 200 and '<html lang="sv">' in unknown.text and "<b>x</b>" not in unknown.text
    )


def test_the_page_is_cached_by_its_etag_until_the_figures_change(year_bot: RunningBot) -> None:
    secret = token(year_bot)
    first = _get(year_bot, "/plan", token=secret)
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("private")
    assert first.headers["Referrer-Policy"] == "no-referrer"
    again = requests.get(
        f"{year_bot.url}/plan", params={"token": secret}, headers={"If-None-Match": etag}, timeout=10
    )
    assert again.status_code == 304 and again.content == b""
    with year_bot.runtime.db.session() as session:
        indicator = session.query(IndicatorRecord).filter_by(plan_id=PLAN, key="survey-realised").one()
        session.add(
            Confirmation(indicator_id=indicator.id, year=2025, value_bool=True, confirmed_by="UEN00001")
        )
    changed = requests.get(
        f"{year_bot.url}/plan", params={"token": secret}, headers={"If-None-Match": etag}, timeout=10
    )
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_coordinators_get_the_link_with_the_page_command(year_bot: RunningBot) -> None:
    secret = token(year_bot)
    answer = texts(year_bot.reply(COORDINATOR, "page"))
    assert f"/plan?token={secret}" in answer
    refused = texts(year_bot.reply("UEN00001", "page"))
    assert secret not in refused and "Only the coordinators" in refused
    assert re.search(r"/plan/sotepe-2026-2029/2029\?token=\S+", answer)


def test_the_console_prints_the_link(
    year_bot: RunningBot, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("PUBLIC_URL", "https://bot.example.org")
    result = CliRunner().invoke(cli, ["page", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"https://bot.example.org/plan?token={token(year_bot)}" in result.output


def test_a_plan_whose_period_has_ended_says_so(year_bot: RunningBot, clock: Clock) -> None:
    ended = "Planens period har upphört: det här är dess slutliga siffror."
    during = _get(year_bot, f"/plan/{PLAN}/2025", lang="sv", token=token(year_bot)).text
    clock.set(dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))
    after = _get(year_bot, f"/plan/{PLAN}/2025", lang="sv", token=token(year_bot)).text
    assert ended not in during
    assert ended in after
