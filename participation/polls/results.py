"""A poll's result: how many answered, the average, the distribution as a small text chart, and how it
compares with the plan's target and with the network's earlier meetings.

Nothing here reads who answered what, because nothing stored can say it. The minimum-answers rule hides
every figure but the count while fewer than `min_answers` people have answered: with two answers, each of
the two could tell the other's from an average.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from participation.i18n import date_text, datetime_text, translator
from participation.messages import Context, Header, Reply, Section
from participation.plan.progress import active_plan
from participation.plan.schema import Computation
from participation.polls.messages import event_line, poll_title
from participation.polls.scale import RATINGS, figure, percent, scale_words, signed_figure
from participation.spreadsheet import csv_document
from participation.storage.models import (
    IndicatorRecord,
    MeasureRecord,
    Poll,
    PollComment,
    PollRecipient,
    PollTally,
)

DEFAULT_TARGET = 4.0
EARLIER_SHOWN = 3
BAR_WIDTH = 10
_COMPUTED = {"meeting": Computation.NETWORK_SATISFACTION, "training": Computation.TRAINING_SATISFACTION}


@dataclass(frozen=True)
class Figures:
    asked: int
    counts: dict[int, int]
    min_answers: int

    @property
    def answers(self) -> int:
        return sum(self.counts.values())

    @property
    def shown(self) -> bool:
        return self.answers >= self.min_answers

    @property
    def average(self) -> float | None:
        """The mean of all answers; None while it must stay hidden."""
        if not self.shown or not self.answers:
            return None
        return sum(rating * count for rating, count in self.counts.items()) / self.answers


def figures(session: Session, poll: Poll) -> Figures:
    rows = session.execute(select(PollTally.rating, PollTally.answers).where(PollTally.poll_id == poll.id))
    counts = dict.fromkeys(RATINGS, 0)
    for rating, count in rows:
        counts[int(rating)] = int(count)
    asked = session.scalar(select(func.count()).where(PollRecipient.poll_id == poll.id)) or 0
    return Figures(asked=int(asked), counts=counts, min_answers=poll.min_answers)


def is_closed(poll: Poll, now: dt.datetime) -> bool:
    """Closed by its job, or past its closing time while the job has yet to run (say, the bot was down)."""
    return poll.status == "closed" or poll.closes_at <= now


def target_for(session: Session, kind: str) -> float:
    """The active plan's target for the matching indicator, 4.0 when the plan does not carry one."""
    plan = active_plan(session)
    computed = _COMPUTED.get(kind)
    if plan is None or computed is None:
        return DEFAULT_TARGET
    target = session.scalar(
        select(IndicatorRecord.target_min)
        .join(MeasureRecord)
        .where(MeasureRecord.plan_id == plan.id, IndicatorRecord.computed == computed.value)
    )
    return float(target) if target is not None else DEFAULT_TARGET


def earlier_meetings(session: Session, poll: Poll) -> list[tuple[Poll, Figures]]:
    """The network's previous closed meeting polls, newest first."""
    if poll.kind != "meeting" or poll.network_id is None:
        return []
    query = (
        select(Poll)
        .where(
            Poll.kind == "meeting",
            Poll.network_id == poll.network_id,
            Poll.status == "closed",
            or_(
                Poll.event_date < poll.event_date,
                and_(Poll.event_date == poll.event_date, Poll.id < poll.id),
            ),
        )
        .order_by(Poll.event_date.desc(), Poll.id.desc())
        .limit(EARLIER_SHOWN)
    )
    return [(earlier, figures(session, earlier)) for earlier in session.scalars(query)]


def result_reply(session: Session, poll: Poll, language: str, zone: dt.tzinfo) -> Reply:
    """The closed poll's result, as the channel and `poll results` show it."""
    _ = translator(language)
    shown = figures(session, poll)
    reply = Reply(
        [
            Header(_("Feedback: {title}").format(title=poll_title(poll, language))),
            Section(event_line(poll, language)),
        ]
    )
    answered = _("Answers: {answers} of {asked} ({rate} %)").format(
        answers=shown.answers, asked=shown.asked, rate=percent(shown.answers, shown.asked)
    )
    average = shown.average
    if average is None:
        too_few = _(
            "Too few answers to show: at least {minimum} are needed, so that no one's answer can be told "
            "from the result."
        ).format(minimum=shown.min_answers)
        reply.parts.append(Section(f"{answered}\n{too_few}"))
    else:
        target = target_for(session, poll.kind)
        lines = [answered, _target_line(average, target, language), chart(shown.counts, language)]
        lines += _earlier_lines(session, poll, average, language)
        reply.parts.append(Section("\n".join(lines)))
    closed = poll.closed_at or poll.closes_at
    reply.parts.append(
        Context(
            _("Poll {poll} · closed {closed} · answers are anonymous").format(
                poll=f"p{poll.id}", closed=datetime_text(closed, language, zone)
            )
        )
    )
    return reply


def _target_line(average: float, target: float, language: str) -> str:
    _ = translator(language)
    text = (
        _("Average *{average}*: the target {target} is met ✅")
        if average >= target
        else _("Average *{average}*: below the target {target} ❌")
    )
    return text.format(average=figure(average, language), target=figure(target, language))


def chart(counts: dict[int, int], language: str) -> str:
    """The distribution as bars in a code block, so they line up: the biggest count gets the full width."""
    words = scale_words(translator(language))
    labels = {rating: f"{rating} {words[rating]}" for rating in RATINGS}
    width = max(len(label) for label in labels.values())
    biggest = max(counts.values()) or 1
    lines = []
    for rating in reversed(RATINGS):
        count = counts.get(rating, 0)
        bar = "█" * (max(1, round(BAR_WIDTH * count / biggest)) if count else 0)
        lines.append(f"{labels[rating]:<{width}} {bar:<{BAR_WIDTH}} {count}")
    return "```\n" + "\n".join(lines) + "\n```"


def _earlier_lines(session: Session, poll: Poll, average: float, language: str) -> list[str]:
    _ = translator(language)
    if poll.kind != "meeting":
        return []
    earlier = earlier_meetings(session, poll)
    if not earlier:
        return [_("This is the first poll of the network's meetings.")]
    items = []
    for other, shown in earlier:
        value = figure(shown.average, language) if shown.average is not None else _("too few answers")
        items.append(f"{value} ({poll_title(other, language)}, {date_text(other.event_date, language)})")
    lines = [_("Earlier meetings of the network: {meetings}").format(meetings=" · ".join(items))]
    previous = earlier[0][1].average
    if previous is not None:
        lines.append(
            _("Change from the previous meeting: {change}").format(
                change=signed_figure(average - previous, language)
            )
        )
    return lines


def comments(session: Session, poll: Poll) -> list[str]:
    """The comments in key order, which is random: the order in which people wrote them is not kept."""
    query = select(PollComment.text).where(PollComment.poll_id == poll.id).order_by(PollComment.key)
    return [text for text in session.scalars(query) if text and text.strip()]


def csv_export(session: Session, poll: Poll, language: str) -> bytes:
    """Counts per answer and the comments: aggregated, with no identities and no order of answering.
    Written through `csv_document`, so a comment cannot become a spreadsheet formula."""
    _ = translator(language)
    shown = figures(session, poll)
    average = shown.average
    words = scale_words(_)
    rows: list[Sequence[object]] = [
        [_("poll"), _("title"), _("date"), _("answers"), _("asked"), _("average")],
        [
            f"p{poll.id}",
            poll_title(poll, language),
            poll.event_date.isoformat(),
            shown.answers,
            shown.asked,
            f"{average:.2f}" if average is not None else "",
        ],
        [],
        [_("rating"), _("meaning"), _("answers")],
        *([rating, words[rating], shown.counts[rating]] for rating in RATINGS),
        [],
        [_("comments")],
        *([text] for text in comments(session, poll)),
    ]
    return csv_document(rows)
