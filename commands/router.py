"""From the text after `/osallisuus` to a subcommand. Quoting works as in a shell: `"two words"`."""

from __future__ import annotations

import shlex
from collections.abc import Callable

from commands.context import Invocation
from commands.help import help_command, help_reply
from commands.lang import lang
from commands.meeting import meeting
from commands.meetings_plan import meetings
from commands.network import network
from commands.replies import Reply, notice
from commands.status import status

Subcommand = Callable[[Invocation, list[str]], Reply]

SUBCOMMANDS: dict[str, Subcommand] = {
    "status": status,
    "help": help_command,
    "lang": lang,
    "meeting": meeting,
    "meetings": meetings,
    "network": network,
}


def split(text: str) -> list[str] | None:
    try:
        return shlex.split(text)
    except ValueError:
        return None


def run(invocation: Invocation, text: str) -> Reply:
    words = split(text)
    if words is None:
        return notice(
            invocation._("A quotation mark is not closed. Check the command and try again."), error=True
        )
    if not words:
        return help_reply(invocation, [])
    name, args = words[0].lower(), words[1:]
    command = SUBCOMMANDS.get(name)
    if command is None:
        return help_reply(invocation, args, unknown=name)
    return command(invocation, args)
