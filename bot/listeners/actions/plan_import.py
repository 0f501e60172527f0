"""The Import button under a checked plan file: the import, and its outcome in place of the summary.

The button's value is the stored file's key, checked like typed input: it must be the clicker's own
file, not imported yet (commands/plan_import.py)."""

from __future__ import annotations

from typing import Any

from bot.listeners.reply import button, tell_in_place
from commands.context import Invocation
from participation.messages import Reply


def _import(who: Invocation, action: dict[str, Any], _body: dict[str, Any]) -> Reply:
    from commands.plan_import import confirm_import  # on first use (bot/listeners/warm.py)

    return confirm_import(who, str(action.get("value", "")))


handle_plan_import = button(_import, tell_in_place)
