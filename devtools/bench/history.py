"""Databases with years of history, made by the benchmark itself so that every run measures the same data.

The plans are imported as the bot does at start (`prepare`); then, for each year back from this one, bulk
inserts add what a year of use leaves behind: a confirmation with two corrections for every indicator,
meetings with RSVPs, polls with their recipients and answers, highlights, audit entries and sent outbox
rows. Bulk `insert()` keeps a ten-year database to seconds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import Engine, insert, select, text
from sqlalchemy.orm import Session

from bot.runtime import prepare
from config.settings import Settings
from participation.polls.answers import tally_rows
from participation.storage.models import (
    AuditEntry,
    Confirmation,
    Highlight,
    IndicatorRecord,
    Meeting,
    NetworkRecord,
    OutboxItem,
    PlanRecord,
    Poll,
    PollRecipient,
    PollTally,
    Rsvp,
)

MEETINGS_PER_NETWORK = 10  # a year's meetings in each network
MEMBERS = 20  # who answer a meeting's invitation and its poll
AUDIT_PER_YEAR = 300
OUTBOX_PER_YEAR = 500
HIGHLIGHTS_PER_YEAR = 12


def make_history(settings: Settings, years: int, last_year: int) -> None:
    """Bring `settings.database_url` to the bot's schema and plans, then add `years` years of use."""
    runtime = prepare(settings)
    try:
        with runtime.db.session() as session:
            for year in range(last_year - years + 1, last_year + 1):
                _year(session, year)
        _analysed(runtime.db.engine)
    finally:
        runtime.db.dispose()


def _analysed(engine: Engine) -> None:
    """PostgreSQL's statistics brought up to date now, as after restoring a dump: otherwise its
    autovacuum analyses the bulk load in the minute after it, beside whatever is timed then on two cores
    (the cold starts of `osallisuus serve` were 0.1–0.2 s slower)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))


def _at(year: int, day: int) -> dt.datetime:
    return dt.datetime(year, 1, 1, 9, tzinfo=dt.UTC) + dt.timedelta(days=day % 365)


def _year(session: Session, year: int) -> None:
    _confirmations(session, year)
    meeting_ids = _meetings(session, year)
    _polls(session, year, meeting_ids)
    plan_id = session.scalars(select(PlanRecord.id)).first()
    if plan_id is not None:
        session.execute(
            insert(Highlight),
            [
                {"plan_id": plan_id, "year": year, "section": "highlights", "priority_key": None,
                 "text": f"Highlight {n} of {year}. " * 5, "author": "UBENCH",
                 "created_at": _at(year, n * 30), "updated_at": _at(year, n * 30)}
                for n in range(HIGHLIGHTS_PER_YEAR)
            ],
        )  # fmt: skip
    session.execute(
        insert(AuditEntry),
        [
            {"at": _at(year, n), "actor": "UBENCH", "action": "confirm", "entity": f"indicator:{n}",
             "before": {"value": n}, "after": {"value": n + 1}}
            for n in range(AUDIT_PER_YEAR)
        ],
    )  # fmt: skip
    session.execute(
        insert(OutboxItem),
        [
            {"key": f"bench:{year}:{n}", "kind": "message", "status": "sent", "attempts": 1,
             "payload": {"channel": f"UMEM{n % MEMBERS:03d}", "text": "x" * 100},
             "result": {"ok": True}, "next_attempt_at": _at(year, n), "created_at": _at(year, n),
             "sent_at": _at(year, n)}
            for n in range(OUTBOX_PER_YEAR)
        ],
    )  # fmt: skip


def _confirmations(session: Session, year: int) -> None:
    indicators = session.scalars(select(IndicatorRecord.id)).all()
    session.execute(
        insert(Confirmation),
        [
            {"indicator_id": indicator, "year": year, "value_bool": correction % 2 == 0,
             "value_number": 50.0 + correction, "value_text": None, "evidence": "x" * 200,
             "evidence_url": None, "confirmed_by": "UBENCH",
             "confirmed_at": _at(year, 300 + correction)}
            for indicator in indicators
            for correction in range(3)  # the first answer and two corrections
        ],
    )  # fmt: skip


def _meetings(session: Session, year: int) -> list[int]:
    networks = session.scalars(select(NetworkRecord.id)).all()
    rows = [
        {"network_id": network, "uid": f"bench-{year}-{network}-{n}@bench", "title": f"Meeting {n}",
         "starts_at": _at(year, n * 30), "ends_at": _at(year, n * 30) + dt.timedelta(hours=2),
         "place": "Room 1", "agenda": "Agenda " * 20, "sequence": 0, "status": "scheduled",
         "created_by": "UBENCH", "created_at": _at(year, n * 30), "updated_at": _at(year, n * 30)}
        for network in networks
        for n in range(MEETINGS_PER_NETWORK)
    ]  # fmt: skip
    ids = list(session.scalars(insert(Meeting).returning(Meeting.id), rows))
    session.execute(
        insert(Rsvp),
        [
            {"meeting_id": meeting, "slack_user_id": f"UMEM{m:03d}", "attending": m % 3 != 0,
             "answered_at": _at(year, 1)}
            for meeting in ids
            for m in range(MEMBERS)
        ],
    )  # fmt: skip
    return ids


def _polls(session: Session, year: int, meeting_ids: list[int]) -> None:
    rows = [
        {"kind": "meeting", "meeting_id": meeting, "network_id": None, "title": "Poll",
         "event_date": _at(year, n).date(), "status": "closed", "opened_at": _at(year, n),
         "remind_at": _at(year, n + 2), "closes_at": _at(year, n + 7), "closed_at": _at(year, n + 7),
         "min_answers": 3, "created_by": "UBENCH"}
        for n, meeting in enumerate(meeting_ids)
    ]  # fmt: skip
    poll_ids = list(session.scalars(insert(Poll).returning(Poll.id), rows))
    session.execute(
        insert(PollRecipient),
        [
            {"poll_id": poll, "slack_user_id": f"UMEM{m:03d}", "answered": m % 4 != 0}
            for poll in poll_ids
            for m in range(MEMBERS)
        ],
    )
    session.execute(
        insert(PollTally),
        [
            row
            for poll in poll_ids
            for row in tally_rows(poll, Counter(1 + m % 5 for m in range(MEMBERS * 3 // 4)))
        ],
    )
