"""With PUBLIC_PROGRESS_PAGE the page opens for anyone: the same figures, but no evidence and no one's
name or Slack id; the secret link still shows the evidence."""

from __future__ import annotations

import pytest
import requests
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from config.settings import Settings
from tests.conftest import COORDINATOR, USERS
from tests.participation.reports.support import CONFIRMATIONS
from tests.support.running import RunningBot
from tests.web.support import PLAN, indicator_rows, token


@pytest.fixture
def settings(settings: Settings, database_kind: str) -> Settings:
    """The shared settings with the page public (`database_kind` named so the suite's parametrisation
    over databases still sees this test)."""
    return settings.model_copy(update={"public_progress_page": True})


def test_the_public_page_holds_no_evidence_and_no_names(year_bot: RunningBot) -> None:
    public = requests.get(f"{year_bot.url}/plan/{PLAN}/2025", params={"token": "wrong"}, timeout=10)
    assert public.status_code == 200 and public.headers["Cache-Control"].startswith("public")
    evidence = [row[5] for row in CONFIRMATIONS if row[5]] + [row[6] for row in CONFIRMATIONS if row[6]]
    people = [*USERS, *(name for name, _locale in USERS.values()), COORDINATOR]
    for secret in [*evidence, *people]:
        assert secret not in public.text, secret
    assert indicator_rows(public.text)["survey-realised"][5] == "seurantamittarin vastuuhenkilö"
    with_link = requests.get(
        f"{year_bot.url}/plan/{PLAN}/2025", params={"token": token(year_bot)}, timeout=10
    )
    shown_2025 = [text for text in evidence if text != "Kysely 2024"]  # 2024's is on 2024's page
    assert [text for text in shown_2025 if text not in with_link.text] == []
    assert indicator_rows(with_link.text).keys() == indicator_rows(public.text).keys()


_WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_ACCEPT = st.from_regex(r"\A[A-Za-z0-9,;=.*_-]{0,24}\Z")


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=_WORDS, year=_WORDS, lang=_WORDS, accept=_ACCEPT)
def test_any_address_answers_a_page_or_a_404_never_an_error(
    bot: RunningBot, plan: str, year: str, lang: str, accept: str
) -> None:
    answer = requests.get(
        f"{bot.url}/plan/{requests.utils.quote(plan, safe='')}/{requests.utils.quote(year, safe='')}",
        params={"lang": lang, "token": plan},
        headers={"Accept-Language": accept},
        timeout=10,
    )
    assert answer.status_code in {200, 404}, answer.status_code
    assert answer.headers["Content-Type"].startswith("text/html")
    assert "Traceback" not in answer.text
