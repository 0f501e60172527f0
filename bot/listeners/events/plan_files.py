"""A plan file shared with the bot in a direct message: kept for `/osallisuus plan import`.

How a workbook arrives: the coordinator drops it into their direct messages with the bot (a `message`
event of subtype `file_share`, subscribed as `message.im`). Bolt has acknowledged the event already, so
the file is read from Slack here, stored as their latest plan file, and the bot says what to do next
(through the outbox, keyed by the file, so a repeated event is answered once);
`/osallisuus plan import` then checks it and shows what would change, with the confirm button. Other
messages in the direct messages are left alone.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.listeners.reply import answered, invocation_for
from bot.slack_files import download
from commands.context import Invocation
from participation.messages import Reply, notice
from participation.outbox.items import Kind, enqueue, fixed_reply
from participation.plan.uploads import is_plan_file, store_upload
from participation.plan.workbook_read import MAX_BYTES

log = logging.getLogger(__name__)


def handle_message(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    files = [f for f in event.get("files") or [] if isinstance(f, dict)]
    user, channel = str(event.get("user") or ""), str(event.get("channel") or "")
    if event.get("channel_type") != "im" or event.get("bot_id") or not files or not user:
        return
    plan_files = [f for f in files if is_plan_file(str(f.get("name") or ""))]
    if not plan_files:
        return
    invocation = invocation_for(context, client, user, channel)
    file_id = str(plan_files[-1].get("id") or "")
    reply = _keep(invocation, client, file_id)
    with invocation.db.session() as session:  # through the outbox: a repeated event is answered once
        enqueue(session, f"plan-file:{user}:{file_id}", Kind.MESSAGE, fixed_reply(channel, reply))
    invocation.on_commit()
    answered(context, user)


def _keep(invocation: Invocation, client: WebClient, file_id: str) -> Reply:
    from commands.meeting import coordinators_only  # on first use (bot/listeners/warm.py)

    _ = invocation._
    if not invocation.is_coordinator:
        return coordinators_only(_)
    shared = download(client, file_id, MAX_BYTES)
    if shared is None:
        return notice(_("I could not read the file from Slack. Please share it again."), error=True)
    if shared.too_large:
        limit = MAX_BYTES / 1024 / 1024
        return notice(
            _("The file is too large; the limit is {limit:.0f} MB.").format(limit=limit), error=True
        )
    with invocation.db.session() as session:
        store_upload(session, invocation.user_id, shared.name, shared.content, invocation.now())
    return notice(
        _("I have `{file}`. Send `/osallisuus plan import` to check it and see what it would change.").format(
            file=shared.name
        )
    )
