"""The commands, loaded beside the first requests instead of in front of the worker's health.

The listeners route by id (commands/ids.py) and import the command they run when they run it, so a
worker answers `/healthz`, and any Slack request, before the commands are loaded. This thread loads them
right after start-up, so that the first person to ask does not wait for the import; a request that
comes first imports what it needs itself (Python's import lock makes the two safe together).
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)
# What the listeners import on first use: every subcommand (through the router) and every interaction.
COMMANDS = (
    "commands.router",
    "commands.interactions.forms",
    "commands.interactions.home",
    "commands.interactions.meeting_anyway",
    "commands.interactions.rsvp",
    "commands.plan_import",
)


def load_commands() -> None:
    for name in COMMANDS:
        importlib.import_module(name)


def warm_up() -> threading.Thread:
    """Start loading the commands in a daemon thread; a failure is logged, the listener then reports it."""

    def run() -> None:
        try:
            load_commands()
        except Exception:
            log.exception("loading the commands failed")

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread
