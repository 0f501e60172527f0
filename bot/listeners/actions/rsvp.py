"""The RSVP buttons on a meeting's announcement; the answer is shown only to the one who clicked."""

from __future__ import annotations

from typing import Any

from bot.listeners.reply import button, tell_beside
from commands.context import Invocation
from participation.meetings.notify import RSVP_YES
from participation.messages import Reply


def _rsvp(who: Invocation, action: dict[str, Any], _body: dict[str, Any]) -> Reply:
    from commands.interactions.rsvp import rsvp  # on first use (bot/listeners/warm.py)

    return rsvp(who, str(action.get("value", "")), action.get("action_id") == RSVP_YES)


handle_rsvp = button(_rsvp, tell_beside)
