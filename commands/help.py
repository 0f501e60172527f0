"""`help`: the subcommands, in the user's language. An unknown subcommand gets this too."""

from __future__ import annotations

from commands.context import Invocation
from commands.replies import Context, Header, Reply, Section
from i18n import Gettext


def _lines(_: Gettext) -> list[tuple[str, str]]:
    return [
        ("status", _("the whole plan at a glance: per priority, how many indicators are confirmed")),
        ("status 2", _("priority 2 in full: its measures, indicators, their state and owners")),
        ("status 2 2024", _("the same for the reporting year 2024")),
        ("meeting list [network]", _("the coming network meetings")),
        ("meeting show 12", _("one meeting, and who is coming")),
        (
            "meeting new",
            _("a new meeting (coordinators): a form; `/osallisuus meeting new x` shows the one-line form"),
        ),
        (
            "meeting move 12 | meeting cancel 12",
            _("move or cancel a meeting (coordinators); invites are updated"),
        ),
        (
            "meetings plan osallisuusverkosto 2027",
            _("propose a year's meetings, edit and confirm (coordinators)"),
        ),
        (
            "network list | network link <network>",
            _("the networks and their channels; link one to this channel"),
        ),
        ("network guest add <network> name@example.org", _("invite someone outside Slack by e-mail")),
        ("lang fi | sv | en", _("choose the language the bot uses with you")),
        ("help", _("this list")),
    ]


def help_reply(invocation: Invocation, args: list[str], unknown: str | None = None) -> Reply:
    _ = invocation._
    reply = Reply([Header(_("Osallisuusbotti: commands"))])
    if unknown:
        reply.parts.append(
            Section(_("I do not know the command {command!r}. These I know:").format(command=unknown))
        )
        reply.error = True
    commands = "\n".join(f"`/osallisuus {usage}`: {meaning}" for usage, meaning in _lines(_))
    reply.parts.append(Section(commands))
    reply.parts.append(
        Context(
            _(
                "The bot follows the participation plan of the Social Services, Health Care and Rescue "
                "Services Division."
            )
        )
    )
    return reply


def help_command(invocation: Invocation, args: list[str]) -> Reply:
    return help_reply(invocation, args)
