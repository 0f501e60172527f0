"""The daily purge: sent bodies blanked after their days, people who left dropped after theirs, the audit
nameless a year after its plan period, and a second run the same day changes nothing."""

from __future__ import annotations

import datetime as dt

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import select

from bot.app import web_client
from config.settings import Settings
from participation.outbox.items import enqueue
from participation.privacy.planning import plan_purge
from participation.privacy.retention import REMOVED, purge
from participation.storage.db import Database
from participation.storage.models import AuditEntry, ChannelMember, OutboxItem, Person
from tests.support.running import RunningBot

NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


def _settings() -> Settings:
    return Settings(outbox_retention_days=30, directory_retention_days=30, audit_retention_days=365)


def test_sent_bodies_are_blanked_after_their_days_and_their_keys_still_stop_a_resend(db: Database) -> None:
    with db.session() as session:
        for key, status, days in [("old", "sent", 31), ("new", "sent", 29), ("waiting", "pending", 99)]:
            sent = NOW - dt.timedelta(days=days)
            session.add(
                OutboxItem(
                    key=key,
                    kind="email",
                    status=status,
                    sent_at=sent,
                    created_at=sent,
                    payload={"to": ["a@example.org"], "raw": "To: a@example.org"},
                    result={"ts": "1"},
                )
            )
    with db.session() as session:
        assert purge(session, _settings(), NOW).outbox_bodies == 1
        assert purge(session, _settings(), NOW).outbox_bodies == 0
    with db.session() as session:
        items = {item.key: item for item in session.scalars(select(OutboxItem))}
        assert items["old"].payload == {} and items["old"].result is None and items["old"].status == "sent"
        assert items["new"].payload["to"] == ["a@example.org"]
        assert items["waiting"].payload["to"] == ["a@example.org"]
        assert not enqueue(session, "old", "email", {"to": ["a@example.org"], "raw": "again"})


def test_people_who_left_are_forgotten_days_after_the_purge_first_saw_them_gone(db: Database) -> None:
    with db.session() as session:
        session.add_all(
            [
                Person(slack_user_id="ULEFT001", name="Left", deleted=True),
                Person(slack_user_id="USTAY001", name="Stays"),
            ]
        )
        session.add_all([ChannelMember(channel_id="C1", slack_user_id=u) for u in ("ULEFT001", "USTAY001")])
    with db.session() as session:
        assert purge(session, _settings(), NOW).people == 0
        assert purge(session, _settings(), NOW + dt.timedelta(days=29)).people == 0
        assert purge(session, _settings(), NOW + dt.timedelta(days=30)).people == 1
    with db.session() as session:
        assert set(session.scalars(select(Person.slack_user_id))) == {"USTAY001"}
        assert set(session.scalars(select(ChannelMember.slack_user_id))) == {"USTAY001"}


def test_the_audit_names_people_until_a_year_after_the_plan_period(db: Database) -> None:
    # The bundled plan runs 2023-2025: its entries keep their names through 2026.
    with db.session() as session:
        session.add(
            AuditEntry(
                at=dt.datetime(2024, 5, 2, tzinfo=dt.UTC),
                actor="UFI00001",
                action="confirmation.add",
                entity="indicator:x:2024",
                after={"confirmed_by": "UFI00001", "guest": "g@example.org", "value": 3},
            )
        )
    end_of_2026 = dt.datetime(2026, 12, 31, 12, tzinfo=dt.UTC)
    with db.session() as session:
        assert purge(session, _settings(), end_of_2026).audit_entries == 0
        assert purge(session, _settings(), end_of_2026 + dt.timedelta(days=2)).audit_entries >= 1
    with db.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "indicator:x:2024")).one()
        assert entry.actor == REMOVED and entry.action == "confirmation.add"
        assert entry.after == {"confirmed_by": REMOVED, "guest": REMOVED, "value": 3}


def test_the_purge_is_planned_for_the_next_night_at_half_past_three_local_time(db: Database) -> None:
    with db.session() as session:
        (job,) = plan_purge(session, _settings(), dt.datetime(2026, 6, 1, 1, 0, tzinfo=dt.UTC))
        assert job.id == "privacy-purge:daily" and job.run_at == dt.datetime(2026, 6, 2, 0, 30, tzinfo=dt.UTC)


def test_the_running_bot_keeps_the_nightly_purge_scheduled_and_it_runs(network_bot: RunningBot) -> None:
    db = network_bot.runtime.db
    with db.session() as session:
        session.add(
            OutboxItem(
                key="long-ago",
                kind="email",
                status="sent",
                sent_at=NOW - dt.timedelta(days=400),
                payload={"to": ["a@example.org"]},
            )
        )
    background = network_bot.runtime.start_background(web_client(network_bot.runtime))
    try:
        store = SQLAlchemyJobStore(engine=db.engine)
        (job,) = [job for job in store.get_all_jobs() if job.id == "privacy-purge:daily"]
        local = job.next_run_time.astimezone(network_bot.runtime.settings.zone)
        assert (local.hour, local.minute) == (3, 30)
        job.func()
    finally:
        background.stop()
    with db.session() as session:
        assert session.scalars(select(OutboxItem).where(OutboxItem.key == "long-ago")).one().payload == {}
