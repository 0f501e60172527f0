"""From the text after `/osallisuus` to a subcommand. `"Two words"` are one argument.

The manifest asks Slack to escape the command text (`should_escape: true`), which is what turns
`@person` into `<@U123|person>` so that owners and recipients can be resolved. The same escaping wraps
links as `<https://…>` and writes `&`, `<`, `>` as entities; `split` undoes those for the commands.

Decoding the entities is deliberate: it recovers what the person typed, and that is what is stored
(`R&D <3` stays `R&D <3` in the database, in e-mails and in reports). It is safe because nothing
typed is ever sent to Slack as markup: `bot.blocks` escapes every text it puts into mrkdwn, so a typed
`<!channel>`, or the `<!channel>` Slack itself writes for a typed `@channel`, is shown as those
characters and notifies no one. `plain` takes out the markers of the bot's own references, so a word
typed here can never become one. Mentions given as arguments (`owner 3.1.1 @person`, `to=@a,@b`) are
still read from the words by the commands that take them.
"""

from __future__ import annotations

import difflib
import html
import re
import shlex
from collections.abc import Callable

from commands.comment import comment
from commands.confirm import confirm
from commands.context import Invocation
from commands.help import help_command, help_reply
from commands.history import history_command
from commands.lang import lang
from commands.meeting import meeting
from commands.meetings import meetings
from commands.mine import mine
from commands.network import network
from commands.note import note
from commands.notes import notes
from commands.owner import owner
from commands.page import page
from commands.plan import plan
from commands.poll import poll
from commands.report import report
from commands.status import status
from participation.messages import Reply, notice, plain

Subcommand = Callable[[Invocation, list[str]], Reply]

SUBCOMMANDS: dict[str, Subcommand] = {
    "status": status,
    "help": help_command,
    "lang": lang,
    "meeting": meeting,
    "meetings": meetings,
    "network": network,
    "poll": poll,
    "confirm": confirm,
    "owner": owner,
    "mine": mine,
    "history": history_command,
    "comment": comment,
    "note": note,
    "notes": notes,
    "report": report,
    "page": page,
    "plan": plan,
}


_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


def split(text: str) -> list[str] | None:
    """Words, with double quotes (also typographic ones) grouping; apostrophes are plain letters."""
    lexer = shlex.shlex(_LINK.sub(r"\1", text.translate(_QUOTES)), posix=True)
    lexer.quotes, lexer.escape, lexer.commenters, lexer.whitespace_split = '"', "", "", True
    try:
        return [plain(html.unescape(word)) for word in lexer]
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
        return unknown_command(invocation, name, args)
    return command(invocation, args)


def unknown_command(invocation: Invocation, name: str, args: list[str]) -> Reply:
    """A slip (`stauts`) gets the command it was probably meant to be, and where the list is; a word
    like no command gets the whole list."""
    _ = invocation._
    nearest = difflib.get_close_matches(name, SUBCOMMANDS, n=1, cutoff=0.6)
    if not nearest:
        return help_reply(invocation, args, unknown=name)
    return notice(
        _("I do not know the command {command!r}. Did you mean `/osallisuus {nearest}`?").format(
            command=name, nearest=nearest[0]
        )
        + "\n"
        + _("`/osallisuus help` lists every command."),
        error=True,
    )
