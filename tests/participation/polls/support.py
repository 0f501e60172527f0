"""What the poll tests share: a network of twenty members in three languages, a meeting that has been
held, the poll jobs run by hand (the domain clock is moved by hand; APScheduler keeps real time), and
clicks that return the answer Slack would show."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from bot.app import web_client
from bot.transport import SlackTransport
from participation.storage.models import Meeting, OutboxItem, Poll, PollComment, PollRecipient, PollTally
from schedules import jobs, poll_jobs
from schedules.background import Background
from tests.conftest import COORDINATOR
from tests.support.clock import Clock
from tests.support.network import CHANNEL, deliver
from tests.support.running import RunningBot, texts

TWENTY = [f"UM{n:05d}" for n in range(1, 21)]
LOCALES = ("fi-FI", "sv-SE", "en-US")
LANGUAGE = {user: LOCALES[i % 3][:2] for i, user in enumerate(TWENTY)}
MEETING = 'meeting new osallisuusverkosto 16.3.2027 13:00-15:00 "Kevään kokous"'
QUESTION = {
    "fi": "Kuinka tyytyväinen olit tähän verkostotapaamiseen?",
    "sv": "Hur nöjd var du med det här nätverksmötet?",
    "en": "How satisfied were you with this network meeting?",
}


def twenty_members(bot: RunningBot) -> list[str]:
    """Twenty members in the network's channel, in turn Finnish, Swedish and English speakers; the
    running bot reads them into its directory as it does every few hours."""
    standin = bot.standin
    for i, user in enumerate(TWENTY):
        standin.add_user(user, f"Jäsen {i + 1}", locale=LOCALES[i % 3])
    standin.channels[CHANNEL] = [*TWENTY, standin.bot_user_id]
    bot.sync_directory()
    return TWENTY


def hold_meeting(bot: RunningBot, clock: Clock, command: str = MEETING) -> int:
    """Create the meeting now, then move the clock to 30 minutes after it ended."""
    shown = texts(bot.reply(COORDINATOR, command))
    meeting_id = int(shown.split("#", 1)[1].split()[0])
    with bot.runtime.db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        clock.set(meeting.ends_at + dt.timedelta(minutes=30))
    return meeting_id


def run_job(bot: RunningBot, job: Callable[..., None], *args: Any) -> None:
    """Run a scheduled job as APScheduler would: in the running Background, or one installed (not started)."""
    if bot.runtime.background is not None:
        job(*args)
        return
    background = Background(bot.runtime, SlackTransport(web_client(bot.runtime)))
    jobs.install(background)
    try:
        job(*args)
    finally:
        jobs.install(None)


def open_poll(bot: RunningBot, meeting_id: int = 1) -> int:
    run_job(bot, poll_jobs.open_meeting_poll, meeting_id)
    deliver(bot)
    with bot.runtime.db.session() as session:
        poll_id = session.scalar(select(Poll.id).where(Poll.meeting_id == meeting_id))
    assert poll_id is not None
    return int(poll_id)


def close_poll(bot: RunningBot, clock: Clock, poll_id: int = 1) -> None:
    with bot.runtime.db.session() as session:
        poll = session.get(Poll, poll_id)
        assert poll is not None
        closes = poll.closes_at
    if clock() < closes:
        clock.set(closes)
    run_job(bot, poll_jobs.close_poll, poll_id)
    deliver(bot)


def click(
    bot: RunningBot, user: str, rating: int | str, value: str | None = None, **kwargs: Any
) -> dict[str, Any]:
    """A click on a rating button; what the bot sent back to the message's response URL."""
    before = len(bot.standin.calls_to("response_url"))
    response = bot.click(
        user, f"poll_answer_{rating}", value if value is not None else f"1::{rating}", **kwargs
    )
    assert response.status_code == 200, response.text
    return bot.standin.wait_for("response_url", before + 1)[before].args


def change(bot: RunningBot, user: str, token: str, rating: int, poll_id: int = 1) -> dict[str, Any]:
    return click(bot, user, rating, f"{poll_id}:{token}:{rating}")


def blocks_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = message.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else list(blocks)


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in blocks_of(message) if b["type"] == "actions" for e in b["elements"]]


def token_of(response: dict[str, Any]) -> str:
    """The answer's token, which only the answerer's replaced message carries."""
    values = {
        b["value"].split(":")[1] for b in buttons(response) if b["action_id"].startswith("poll_answer_")
    }
    assert len(values) == 1 and "" not in values, values
    return values.pop()


def poll_messages(bot: RunningBot, user: str) -> list[dict[str, Any]]:
    """The poll's questions and reminders in a person's direct messages (what has rating buttons)."""
    return [
        m
        for m in bot.standin.messages(f"D{user}")
        if any(b["action_id"].startswith("poll_answer_") for b in buttons(m))
    ]


def count(bot: RunningBot, model: type) -> int:
    with bot.runtime.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def ratings(bot: RunningBot, poll_id: int = 1) -> list[int]:
    """Every answer counted, one rating per answer, sorted."""
    with bot.runtime.db.session() as session:
        counted = session.execute(
            select(PollTally.rating, PollTally.answers).where(PollTally.poll_id == poll_id)
        ).tuples()
        return sorted(rating for rating, answers in counted for _ in range(answers))


def comments(bot: RunningBot, poll_id: int = 1) -> list[str]:
    """The poll's comments, sorted."""
    with bot.runtime.db.session() as session:
        return sorted(session.scalars(select(PollComment.text).where(PollComment.poll_id == poll_id)))


def answered(bot: RunningBot, poll_id: int = 1) -> set[str]:
    with bot.runtime.db.session() as session:
        query = select(PollRecipient.slack_user_id).where(
            PollRecipient.poll_id == poll_id, PollRecipient.answered.is_(True)
        )
        return set(session.scalars(query))


def outbox_keys(bot: RunningBot, prefix: str) -> list[str]:
    with bot.runtime.db.session() as session:
        return sorted(session.scalars(select(OutboxItem.key).where(OutboxItem.key.startswith(prefix))))
