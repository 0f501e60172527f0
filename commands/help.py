"""`help`: the subcommands, in the user's language. An unknown subcommand gets this too."""

from __future__ import annotations

from commands.context import Invocation
from participation.i18n import Gettext
from participation.messages import Context, Header, Reply, Section


def _lines(_: Gettext) -> list[tuple[str, str]]:
    """Each usage and its meaning. A usage with placeholders is translated for them (`<seurantamittari>`,
    `<indikator>`); the command words and `key=` names stay as they are typed in every language."""
    return [
        ("status", _("the whole plan at a glance: per priority, how many indicators are confirmed")),
        ("status 2", _("priority 2 in full: its measures, indicators, their state and owners")),
        ("status 2 2024", _("the same for the reporting year 2024")),
        (_("status <indicator>"), _("one indicator: its state, owners and every record made of it")),
        ("mine", _("your own indicators, their state and buttons to confirm them")),
        (
            _("confirm | confirm <indicator>"),
            _("confirm an outcome with its evidence in a form (owners and coordinators)"),
        ),
        (
            _('confirm <indicator> yes "evidence" [year=2024] [link=https://…]'),
            _("the same on one line; the value is yes/no, a percentage, a rating, a count or a figure"),
        ),
        (
            _("history <indicator>"),
            _("every confirmation of an indicator, corrections included, with who and when"),
        ),
        (
            _("owner <indicator> [@person | remove @person]"),
            _("show an indicator's owners; coordinators add and remove them"),
        ),
        (
            _('comment <indicator> "text"'),
            _("a coordinator's comment on an indicator the bot computes itself"),
        ),
        (_("meeting list [network]"), _("the coming network meetings")),
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
            _("network list | network link <network>"),
            _("the networks and their channels; link one to this channel"),
        ),
        (_("network guest add <network> name@example.org"), _("invite someone outside Slack by e-mail")),
        ("poll list", _("the latest feedback polls: each meeting gets one when it has ended")),
        (
            "poll results 12 | poll results p5",
            _("the result of meeting 12's feedback poll, or of poll p5, once the poll has closed"),
        ),
        (
            _('poll training "Name" 16.3.2027 to=@person,@person | channel=#channel'),
            _("a feedback poll after a training (coordinators); it counts for the training indicator"),
        ),
        ("poll export 12 | poll export p5", _("a closed poll's result as a CSV file (coordinators)")),
        ("note", _("note a highlight of the year for the follow-up report, in a form")),
        (
            _('note 3 "text" [priority=1] | note edit 12'),
            _("the same on one line (section 3–9); edit a highlight"),
        ),
        ("notes [2025]", _("the year's highlights by report section, with author and date")),
        (
            "report [2025 | plan] [fi sv en] [docx html md csv xlsx]",
            _("the plan's follow-up report as files in this conversation (coordinators)"),
        ),
        ("page", _("the secret links of the plan's progress page on the web (coordinators)")),
        (
            _("plan | plan export <plan> [xlsx | yaml] | plan activate <plan>"),
            _("the plans and the active one; a plan as a workbook to edit; switch plans (coordinators)"),
        ),
        (
            "plan import",
            _("check the workbook you shared with me in a direct message, then import it with a button"),
        ),
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
