"""Years of history for the dashboard's cost test: confirmations with corrections, meetings held with
polls answered, and a meeting ahead; written straight to the database as the bot would have kept them."""

from __future__ import annotations

import datetime as dt
from collections import Counter

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
from tests.support.clock import helsinki

NETWORKS = ("osallisuusverkosto", "asiakaskokemusverkosto")
MEETINGS_A_YEAR = 4
ANSWERS_A_POLL = 5


def add_owner(session: Session, user_id: str, every: int = 3) -> None:
    """Makes `user_id` an owner of every `every`th indicator, so that `mine` has a list to show."""
    indicators = session.scalars(select(IndicatorRecord).order_by(IndicatorRecord.id)).all()
    for indicator in indicators[::every]:
        session.add(IndicatorOwner(indicator_id=indicator.id, slack_user_id=user_id, source="chat"))


def add_year(session: Session, year: int) -> None:
    """A year of records: each indicator confirmed and corrected, each network's meetings held, each
    meeting's poll closed with its answers, and a training poll."""
    for indicator in session.scalars(select(IndicatorRecord).where(IndicatorRecord.computed.is_(None))):
        for number in (50.0, 75.0):  # the first confirmation, then its correction
            session.add(
                Confirmation(
                    indicator_id=indicator.id,
                    year=year,
                    value_bool=True,
                    value_number=number,
                    value_text="recorded",
                    confirmed_by=COORDINATOR,
                )
            )
    for network in NETWORKS:
        for month in range(1, MEETINGS_A_YEAR + 1):
            _held_meeting(session, network, helsinki(year, 3 * month, 10, 13))
    _poll(session, "training", None, None, helsinki(year, 6, 1, 9))


def _held_meeting(session: Session, network: str, starts: dt.datetime) -> None:
    meeting = Meeting(
        network_id=network,
        uid=f"{network}-{starts.isoformat()}@test",
        title=f"Meeting {starts.date()}",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        created_by=COORDINATOR,
    )
    session.add(meeting)
    session.flush()
    _poll(session, "meeting", meeting.id, network, starts)


def _poll(
    session: Session, kind: str, meeting_id: int | None, network: str | None, when: dt.datetime
) -> None:
    poll = Poll(
        kind=kind,
        meeting_id=meeting_id,
        network_id=network,
        title=f"Poll {when.date()}",
        event_date=when.date(),
        status="closed",
        opened_at=when,
        remind_at=when + dt.timedelta(days=2),
        closes_at=when + dt.timedelta(days=5),
        closed_at=when + dt.timedelta(days=5),
        min_answers=3,
        created_by=COORDINATOR,
    )
    session.add(poll)
    session.flush()
    given = Counter(3 + number % 3 for number in range(ANSWERS_A_POLL))
    session.execute(insert(PollTally), tally_rows(poll.id, given))


def add_meeting_ahead(session: Session, starts: dt.datetime) -> None:
    session.add(
        Meeting(
            network_id=NETWORKS[0],
            uid=f"ahead-{starts.isoformat()}@test",
            title="Next meeting",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            created_by=COORDINATOR,
        )
    )
