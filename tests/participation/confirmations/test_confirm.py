"""Confirming outcomes through signed Slack requests: a value of every kind, every indicator of the
2023–2025 plan by its owner, corrections and history, the role rules and bad input."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from participation.storage.models import (
    AuditEntry,
    Confirmation,
    IndicatorComment,
    IndicatorRecord,
    PlanRecord,
)
from tests.conftest import COORDINATOR
from tests.participation.confirmations.plans import use_every_kind_plan
from tests.support.clock import Clock, helsinki
from tests.support.running import RunningBot, texts


def _rows(bot: RunningBot, key: str) -> list[Confirmation]:
    with bot.runtime.db.session() as session:
        query = (
            select(Confirmation)
            .join(IndicatorRecord)
            .join(PlanRecord)
            .where(IndicatorRecord.key == key, PlanRecord.active.is_(True))
            .order_by(Confirmation.id)
        )
        return list(session.scalars(query))


def _count(bot: RunningBot, model: type, **where: str) -> int:
    with bot.runtime.db.session() as session:
        query = select(func.count()).select_from(model).filter_by(**where)
        return int(session.scalar(query) or 0)


@pytest.mark.parametrize(
    ("user", "text", "key", "stored", "said"),
    [
        (
            "UFI00001",
            'confirm plan-done kyllä "Lautakunnan päätös 12.12.2024"',
            "plan-done",
            (True, None, None),
            "Vahvistettu vuodelle 2024: *Suunnitelma on tehty* — *kyllä*",
        ),
        (
            "USV00001",
            'confirm feedback-share "72,5 %"',
            "feedback-share",
            (None, 72.5, None),
            "Bekräftad för 2024: *Andel behandlad respons* — *72,5 %*",
        ),
        ("UEN00001", "confirm training-rating 4,2", "training-rating", (None, 4.2, None), "— *4.2*"),
        (
            "UEN00001",
            'confirm events-held 3 "List of events" link=<https://example.org/events|example.org>',
            "events-held",
            (None, 3.0, None),
            "Link: https://example.org/events",
        ),
        (
            "UEN00001",
            'confirm visitors 12500 "Web analytics" comment="Up from 9 800"',
            "visitors",
            (None, 12500.0, "Up from 9 800"),
            "Comment: Up from 9 800",
        ),
        (
            "UEN00001",
            'confirm advocacy-review yes "Minutes 4/2024" comment="Reviewed with the councils"',
            "advocacy-review",
            (True, None, "Reviewed with the councils"),
            "*reviewed*",
        ),
    ],
)
def test_each_kind_is_confirmed_on_one_line_by_its_owner(
    report_bot: RunningBot,
    january: Clock,
    user: str,
    text: str,
    key: str,
    stored: tuple[object, ...],
    said: str,
) -> None:
    use_every_kind_plan(report_bot)
    shown = texts(report_bot.reply(user, text))
    assert said in shown
    [row] = _rows(report_bot, key)
    assert (row.value_bool, row.value_number, row.value_text) == stored
    assert (row.year, row.confirmed_by, row.confirmed_at) == (2024, user, helsinki(2025, 1, 2, 10))
    with report_bot.runtime.db.session() as session:
        audit = session.scalar(select(AuditEntry).where(AuditEntry.action == "confirmation.add"))
        assert audit is not None and audit.actor == user and audit.entity == f"indicator:{key}:2024"
        assert audit.before is None and audit.after is not None and audit.after["id"] == row.id


def test_every_indicator_of_the_plan_is_confirmed_with_evidence_by_its_owner(report_bot: RunningBot) -> None:
    values = {"yes_no": "kyllä", "percentage": "75", "monitored": "1200", "yearly_review": "yes"}
    people = ["UFI00001", "USV00001", "UEN00001"]
    with report_bot.runtime.db.session() as session:
        active = select(IndicatorRecord).where(IndicatorRecord.plan_id == "sotepe-2023-2025")
        rows = session.scalars(active.order_by(IndicatorRecord.id)).all()
        hand = [(i.key, i.kind) for i in rows if not i.computed]
        computed = [i.key for i in rows if i.computed]
    assert len(hand) == 33 and len(computed) == 3
    for n, (key, _kind) in enumerate(hand):
        owner = people[n % 3]
        assert "<@" + owner + ">" in texts(report_bot.reply(COORDINATOR, f"owner {key} <@{owner}|someone>"))
    for n, (key, kind) in enumerate(hand):
        answer = texts(report_bot.reply(people[n % 3], f'confirm {key} {values[kind]} "Pöytäkirja 3/2024"'))
        assert "✅" in answer, (key, answer)
    with report_bot.runtime.db.session() as session:
        stored = session.scalars(select(Confirmation).join(IndicatorRecord)).all()
        assert len(stored) == 33 and all(c.evidence == "Pöytäkirja 3/2024" for c in stored)
        assert {(c.indicator.key, c.confirmed_by) for c in stored} == {
            (key, people[n % 3]) for n, (key, _kind) in enumerate(hand)
        }
    assert _count(report_bot, AuditEntry, action="confirmation.add") == 33
    assert _count(report_bot, AuditEntry, action="owner.add") == 33
    assert "33/36" in texts(report_bot.reply("UEN00001", "status"))
    for key in computed:
        refused = texts(report_bot.reply(COORDINATOR, f"confirm {key} 4"))
        assert "ei vahvisteta käsin" in refused
    assert _count(report_bot, Confirmation) == 33


def test_a_correction_is_a_new_record_and_the_history_keeps_both(
    report_bot: RunningBot, january: Clock
) -> None:
    use_every_kind_plan(report_bot)
    report_bot.reply("USV00001", 'confirm feedback-share 64 "Rapport Q3"')
    january.advance(days=1)
    corrected = texts(
        report_bot.reply("USV00001", 'confirm feedback-share 72 "Rapport Q4" link=https://example.org/q4')
    )
    assert "korrigerar registreringen från 2.1.2025" in corrected
    assert [(r.value_number, r.evidence) for r in _rows(report_bot, "feedback-share")] == [
        (64.0, "Rapport Q3"),
        (72.0, "Rapport Q4"),
    ]
    assert "*72 %*" in texts(report_bot.reply("UEN00001", "status 1"))
    history = texts(report_bot.reply("UEN00001", "history feedback-share"))
    newest, oldest = history.index("*72 %*"), history.index("*64 %*")
    assert newest < oldest
    assert "2024: *72 %* — <@USV00001>, 3.1.2025" in history and "_counts_" in history
    assert "2024: *64 %* — <@USV00001>, 2.1.2025" in history and "_corrected_" in history
    assert "Evidence: Rapport Q3" in history and "Link: https://example.org/q4" in history
    single = texts(report_bot.reply("UEN00001", "status feedback-share"))
    assert "Share of feedback handled" in single and "Target: at least 70 %." in single and "*64 %*" in single
    with report_bot.runtime.db.session() as session:
        last = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "confirmation.add").order_by(AuditEntry.id)
        ).all()[-1]
        assert last.before is not None and last.after is not None
        assert (last.before["value_number"], last.after["value_number"]) == (64.0, 72.0)


def test_owners_confirm_their_own_coordinators_everything_and_everyone_views(report_bot: RunningBot) -> None:
    use_every_kind_plan(report_bot)
    report_bot.reply(COORDINATOR, "lang en")
    refused = texts(report_bot.reply("UEN00001", 'confirm plan-done yes "Minutes"'))
    assert "Only the owners of `plan-done` and the coordinators" in refused and "<@UFI00001>" in refused
    assert "Vain seurantamittarin `feedback-share`" in texts(
        report_bot.reply("UFI00001", "confirm feedback-share 80")
    )
    assert "Only the coordinators can do that" in texts(
        report_bot.reply("UEN00001", "owner plan-done <@UEN00001>")
    )
    assert "Owners: <@UFI00001>" in texts(report_bot.reply("UEN00001", "owner plan-done"))
    assert _count(report_bot, Confirmation) == 0

    report_bot.reply(COORDINATOR, "owner plan-done <@UEN00001|Emma>")
    report_bot.reply(COORDINATOR, "owner plan-done remove <@UFI00001>")
    assert "✅" in texts(report_bot.reply("UEN00001", 'confirm plan-done yes "Minutes"'))
    assert "Vain seurantamittarin" in texts(report_bot.reply("UFI00001", 'confirm plan-done kyllä "x"'))
    assert "✅" in texts(report_bot.reply(COORDINATOR, "confirm feedback-share 80"))
    with report_bot.runtime.db.session() as session:
        changes = session.scalars(
            select(AuditEntry).where(AuditEntry.action.like("owner.%")).order_by(AuditEntry.id)
        ).all()
        assert [(c.action, c.before, c.after) for c in changes] == [
            ("owner.add", {"owners": ["UFI00001"]}, {"owners": ["UEN00001", "UFI00001"]}),
            ("owner.remove", {"owners": ["UEN00001", "UFI00001"]}, {"owners": ["UEN00001"]}),
        ]
    assert "Nothing changed" in texts(report_bot.reply(COORDINATOR, "owner plan-done <@UEN00001>"))
    assert "did not recognise 'Emma'" in texts(report_bot.reply(COORDINATOR, "owner plan-done Emma"))


def test_computed_indicators_take_comments_from_coordinators_only(report_bot: RunningBot) -> None:
    use_every_kind_plan(report_bot)
    report_bot.reply(COORDINATOR, "lang en")
    refused = texts(report_bot.reply(COORDINATOR, "confirm meetings-held 4"))
    assert "The bot computes `meetings-held`" in refused and "/osallisuus comment meetings-held" in refused
    added = texts(
        report_bot.reply(COORDINATOR, 'comment meetings-held "Two meetings were held before the bot"')
    )
    assert "Comment added to *Meetings held* for 2024" in added
    assert "Only the coordinators" in texts(report_bot.reply("UEN00001", 'comment meetings-held "x"'))
    assert "Comments are for the indicators" in texts(report_bot.reply(COORDINATOR, 'comment visitors "x"'))
    history = texts(report_bot.reply("UEN00001", "history meetings-held"))
    assert "2024: comment — <@UCOORD01>" in history and "Two meetings were held before the bot" in history
    assert _count(report_bot, IndicatorComment) == 1 and _count(report_bot, Confirmation) == 0
    assert _count(report_bot, AuditEntry, action="comment.add") == 1


@pytest.mark.parametrize(
    ("user", "text", "expected"),
    [
        (
            "UEN00001",
            "confirm no-such-indicator yes",
            "There is no indicator 'no-such-indicator' in the plan",
        ),
        ("UEN00001", "confirm feedback-shar 50", "Did you mean `feedback-share`?"),
        ("USV00001", "confirm feedback-share 140", "En procentandel är från 0 till 100, inte 140."),
        ("UFI00001", 'confirm plan-done ehkä "Muistio"', "Kirjoita kyllä tai ei"),
        ("UEN00001", "confirm training-rating 6", "A rating is from 1 to 5, not 6."),
        ("UEN00001", "confirm events-held 2.5", "A count is a whole number of 0 or more, not 2.5."),
        ("UEN00001", "confirm visitors many", "'many' is not a number."),
        ("USV00001", "confirm feedback-share 80 year=2031", "2024–2025; '2031' gör inte det"),
        ("UFI00001", "confirm plan-done kyllä", "Suunnitelma edellyttää tälle seurantamittarille näyttöä"),
        ("UEN00001", "confirm feedback-share 80", "Only the owners of `feedback-share`"),
        ("UEN00001", 'confirm visitors 5 "x" link=ftp://x', "must be a web address starting with https://"),
        ("UEN00001", "confirm visitors 5 colour=red", "I do not know the option 'colour'"),
        ("UEN00001", "confirm visitors", None),
    ],
)
def test_bad_input_is_refused_in_the_users_language_and_nothing_is_written(
    report_bot: RunningBot, user: str, text: str, expected: str | None
) -> None:
    use_every_kind_plan(report_bot)
    response = report_bot.command(user, text)
    assert response.status_code == 200
    if expected is None:  # one word opens the indicator's form instead
        report_bot.standin.wait_for("views.open")
    else:
        assert expected in texts(response.json())
    assert _count(report_bot, Confirmation) == 0
    assert _count(report_bot, AuditEntry, action="confirmation.add") == 0
