"""The buttons under a warning that a meeting falls on a weekend or a public holiday: the outcome
replaces the warning; a refusal comes beside it, so the warning and its buttons stay."""

from __future__ import annotations

from bot.listeners.reply import button, tell_in_place
from commands.interactions.meeting_anyway import create_anyway, dropped

handle_anyway = button(
    lambda who, action, _body: create_anyway(who, str(action.get("value", ""))), tell_in_place
)
handle_drop = button(lambda who, _action, _body: dropped(who), tell_in_place)
