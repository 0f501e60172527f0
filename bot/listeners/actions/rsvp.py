"""The RSVP buttons on a meeting's announcement; the answer is shown only to the one who clicked."""

from __future__ import annotations

from bot.listeners.reply import button, tell_beside
from commands.interactions.rsvp import rsvp
from participation.meetings.notify import RSVP_YES

handle_rsvp = button(
    lambda who, action, _body: rsvp(who, str(action.get("value", "")), action.get("action_id") == RSVP_YES),
    tell_beside,
)
