"""The buttons under a warning that a meeting falls on a weekend or a public holiday: the outcome
replaces the warning; a refusal comes beside it, so the warning and its buttons stay."""

from __future__ import annotations

from typing import Any

from bot.listeners.reply import button, tell_in_place
from commands.context import Invocation
from participation.messages import Reply


def _anyway(who: Invocation, action: dict[str, Any], _body: dict[str, Any]) -> Reply:
    from commands.interactions.meeting_anyway import create_anyway  # on first use (bot/listeners/warm.py)

    return create_anyway(who, str(action.get("value", "")))


def _drop(who: Invocation, _action: dict[str, Any], _body: dict[str, Any]) -> Reply:
    from commands.interactions.meeting_anyway import dropped

    return dropped(who)


handle_anyway = button(_anyway, tell_in_place)
handle_drop = button(_drop, tell_in_place)
