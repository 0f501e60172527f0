"""The Import button under a checked plan file: the import, and its outcome in place of the summary.

The button's value is the stored file's key, checked like typed input: it must be the clicker's own
file, not imported yet (commands/plan_import.py)."""

from __future__ import annotations

from bot.listeners.reply import button, tell_in_place
from commands.plan_import import confirm_import

handle_plan_import = button(
    lambda who, action, _body: confirm_import(who, str(action.get("value", ""))), tell_in_place
)
