"""The App Home tab: for the person who opens it, their own indicators first with buttons to confirm
them, then the dashboard. Slack allows 100 blocks here; the own list is capped well below that."""

from __future__ import annotations

from commands.context import Invocation
from commands.mine import deadline_line, own_parts
from commands.status_dashboard import dashboard_parts, heading
from participation.confirmations.actions import CHOOSE_ACTION
from participation.dashboard import StatusError, build_status
from participation.messages import Actions, Button, Context, Divider, Reply, Section, notice

HOME_OWN_MAX = 40


def home(invocation: Invocation) -> Reply:
    _ = invocation._
    try:
        with invocation.db.session() as session:
            view = build_status(session, invocation.language, invocation.now(), invocation.zone)
    except StatusError as error:
        return notice(str(error), error=True)
    reply = Reply([*heading(view, _)])
    reply.parts.append(Section("*" + _("Your indicators") + "*"))
    reply.parts.append(Context(deadline_line(view, _)))
    reply.parts += own_parts(view, invocation.user_id, _, HOME_OWN_MAX)
    if invocation.is_coordinator:
        reply.parts.append(Actions((Button(_("Confirm an indicator"), CHOOSE_ACTION, str(view.year)),)))
    reply.parts.append(Divider())
    reply.parts += dashboard_parts(view, _, buttons=False)
    return reply
