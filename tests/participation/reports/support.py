"""The fixture year the report tests read: 2025 on the bundled 2023–2025 plan.

Meetings are made with `meeting new` and held by moving the clock past them; highlights are noted with
`/osallisuus note`; confirmations, an owner and the polls' answers are written as rows (test set-up),
as the other steps of the bot would have written them. The clock ends in December 2025, when the
coordinator asks for the year's report.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from participation.polls.answers import tally_rows
from participation.storage.models import (
    Confirmation,
    IndicatorOwner,
    IndicatorRecord,
    Meeting,
    Poll,
    PollTally,
)
from tests.conftest import COORDINATOR
from tests.support.clock import HELSINKI, Clock, helsinki
from tests.support.network import deliver
from tests.support.running import RunningBot, texts

PLAN = "sotepe-2023-2025"
REPORT_DAY = helsinki(2025, 12, 10, 10)
MEETINGS = (
    'meeting new osallisuusverkosto 11.3.2025 13:00-15:00 "Kevään verkosto"',
    'meeting new asiakaskokemusverkosto 13.3.2025 09:00-11:00 "Asiakaskokemus keväällä"',
    'meeting new osallisuusverkosto 10.6.2025 13:00-15:00 "Kesän verkosto"',
    'meeting new osallisuusverkosto 16.9.2025 13:00-15:00 "Syksyn verkosto"',
    'meeting new asiakaskokemusverkosto 13.11.2025 09:00-11:00 "Peruttu tapaaminen"',
)
# (indicator, year, yes/no, number, text, evidence, link, who); the newest row for an indicator counts.
CONFIRMATIONS = (
    ("website-content", 2025, False, None, None, None, None, "UFI00001"),
    ("website-content", 2025, True, None, None, "Sisällöt julkaistu", None, "UFI00001"),
    (
        "feedback-all-service-areas",
        2025,
        True,
        None,
        None,
        "Palautetta kerätään kaikissa palvelukokonaisuuksissa",
        "https://example.org/palaute",
        "UFI00001",
    ),
    ("national-feedback-indicators", 2025, False, None, None, None, None, "USV00001"),
    ("feedback-processed-5-days", 2025, None, 72.5, None, "Palauteraportti Q4", None, "USV00001"),
    ("website-analytics", 2025, None, 1250.0, "käyntiä kuukaudessa", None, None, "UEN00001"),
    ("advocacy-cooperation", 2025, True, None, "Arvioitu vanhusneuvoston kanssa", None, None, COORDINATOR),
    ("survey-realised", 2024, True, None, None, "Kysely 2024", None, "UEN00001"),
)
CONFIRMED_2025 = {
    "website-content",
    "feedback-all-service-areas",
    "national-feedback-indicators",
    "feedback-processed-5-days",
    "website-analytics",
    "advocacy-cooperation",
    "network-meetings",
    "network-satisfaction",
}
NOTE_CHILDREN = "Nuorisoneuvoston jäsenet vierailivat palveluissa."
NOTE_DEVIATION = "Järjestöyhteistyön toimenpiteitä ei ole kirjattu suunnitelmaan."
NOTE_2024 = "Vuoden 2024 nosto, joka ei kuulu vuoden 2025 raporttiin."
NOTE_EDITED = "Seniori-infossa vieraskielisten osallisuutta edistettiin järjestöyhteistyöllä."


@dataclass(frozen=True)
class Upload:
    filename: str
    title: str
    content: bytes
    channel: str
    comment: str | None


def build_year(bot: RunningBot, clock: Clock) -> None:
    """Everything the 2025 report is made from; the clock is left on REPORT_DAY."""
    clock.set(helsinki(2025, 2, 3, 10))
    for command in MEETINGS:
        answer = texts(bot.reply(COORDINATOR, command))
        assert "#" in answer, answer
    bot.reply(COORDINATOR, "meeting cancel 5")
    assert _cancelled(bot, 5)
    _note(bot, "UFI00001", f'note 3 "{NOTE_CHILDREN}" priority=3 year=2025')
    _note(bot, COORDINATOR, f'note 8 "{NOTE_DEVIATION}" year=2025')
    _note(bot, "UFI00001", f'note 4 "{NOTE_2024}" year=2024')
    _note(bot, "UFI00001", 'note 4 "Seniori-info edisti vieraskielisten osallisuutta." priority=1 year=2025')
    assert "päivitetty" in texts(bot.reply(COORDINATOR, f'note edit 4 "{NOTE_EDITED}"'))
    with bot.runtime.db.session() as session:
        _confirm(session)
        _own(session, "survey-realised", "UEN00001")
        _polls(session)
    clock.set(REPORT_DAY)
    deliver(bot)  # the invitations go out now, so the report's uploads are the only ones later
    bot.standin.clear()


def _cancelled(bot: RunningBot, meeting_id: int) -> bool:
    with bot.runtime.db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        return meeting is not None and meeting.status == "cancelled"


def _note(bot: RunningBot, user: str, command: str) -> None:
    answer = texts(bot.reply(user, command))
    assert "#" in answer and ("tallennettu" in answer or "saved" in answer), answer


def _indicator(session: Session, key: str) -> IndicatorRecord:
    found = session.scalar(
        select(IndicatorRecord).where(IndicatorRecord.plan_id == PLAN, IndicatorRecord.key == key)
    )
    assert found is not None, key
    return found


def _confirm(session: Session) -> None:
    moment = helsinki(2025, 11, 20, 12)
    for number, (key, year, boolean, figure, text, evidence, link, who) in enumerate(CONFIRMATIONS):
        session.add(
            Confirmation(
                indicator_id=_indicator(session, key).id,
                year=year,
                value_bool=boolean,
                value_number=figure,
                value_text=text,
                evidence=evidence,
                evidence_url=link,
                confirmed_by=who,
                confirmed_at=moment + dt.timedelta(minutes=number),
            )
        )
        session.flush()


def _own(session: Session, key: str, user: str) -> None:
    session.add(IndicatorOwner(indicator_id=_indicator(session, key).id, slack_user_id=user, source="chat"))


def _polls(session: Session) -> None:
    """Meeting 1: five answers, average 4.6 shown. Meeting 2: two answers, too few to show. Meeting 3:
    no poll."""
    for meeting_id, ratings in ((1, (5, 4, 5, 4, 5)), (2, (4, 3))):
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        ends = meeting.ends_at
        poll = Poll(
            kind="meeting",
            meeting_id=meeting_id,
            network_id=meeting.network_id,
            title=meeting.title,
            event_date=meeting.starts_at.astimezone(HELSINKI).date(),
            status="closed",
            opened_at=ends,
            remind_at=ends + dt.timedelta(days=2),
            closes_at=ends + dt.timedelta(days=7),
            closed_at=ends + dt.timedelta(days=7),
            min_answers=3,
            created_by="system",
        )
        session.add(poll)
        session.flush()
        session.execute(insert(PollTally), tally_rows(poll.id, Counter(ratings)))


def uploads(bot: RunningBot) -> list[Upload]:
    """Every file the bot shared, in the order it completed them, with its name, bytes and comment. Each
    is matched to its upload by file id: uploads to different conversations may run side by side."""
    return [upload for message in messages(bot) for upload in message]


def messages(bot: RunningBot) -> list[list[Upload]]:
    """The files shared, message by message (one files.completeUploadExternal call each); the comment
    belongs to the message, so each of its files carries it."""
    standin = bot.standin
    found = []
    for completed in standin.calls_to("files.completeUploadExternal"):
        files = completed.args["files"]
        found.append(
            [
                Upload(
                    filename=standin.upload_name(shared["id"]),
                    title=str(shared.get("title")),
                    content=standin.uploaded(shared["id"]),
                    channel=str(completed.args.get("channel_id")),
                    comment=completed.args.get("initial_comment"),
                )
                for shared in (json.loads(files) if isinstance(files, str) else files)
            ]
        )
    return found
