"""What the bot says, independent of Slack: the bot renders it as Block Kit, the terminal as text.

Texts here are already in the user's language; `*bold*` is the only inline markup, which both renderers
know. Everything else in a text is shown as written, whoever typed it: a person or a channel is referred
to only through `person()` and `channel()`, and a quoted block only through `quote()`, whose markers no
typed text can contain (`plain()` removes them), so the renderer can tell the bot's own references and
quotes from text that merely looks like one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

# Private-use characters: no keyboard writes them, and `plain()` takes them out of anything typed.
REF_OPEN, REF_CLOSE, QUOTE = "\ue000", "\ue001", "\ue002"
REFERENCE = re.compile(REF_OPEN + r"([@#])([A-Z0-9]{2,32})" + REF_CLOSE)
# The markers, and NUL, which no database text can hold (PostgreSQL refuses it) and nobody means to type.
_MARKERS = re.compile(f"[{REF_OPEN}{REF_CLOSE}{QUOTE}\x00]")


def person(user_id: str) -> str:
    """A reference to a Slack user, drawn as a mention in Slack and as `@id` in a terminal."""
    return f"{REF_OPEN}@{user_id}{REF_CLOSE}"


def channel(channel_id: str) -> str:
    """A reference to a Slack channel, drawn as a channel link in Slack and as `#id` in a terminal."""
    return f"{REF_OPEN}#{channel_id}{REF_CLOSE}"


def quote(text: str) -> str:
    """`text` as a quoted block, each line marked: drawn as `> line` in Slack and in a terminal."""
    return "\n".join(QUOTE + line for line in text.splitlines() or [""])


def plain(text: str) -> str:
    """Typed text, with the reference markers taken out so that it can never pose as a reference (and
    any NUL character, which cannot be stored)."""
    return _MARKERS.sub("", text)


@dataclass(frozen=True)
class Button:
    label: str
    action_id: str
    value: str
    primary: bool = False


@dataclass(frozen=True)
class Header:
    text: str


@dataclass(frozen=True)
class Section:
    text: str
    button: Button | None = None


@dataclass(frozen=True)
class Context:
    text: str


@dataclass(frozen=True)
class Divider:
    pass


@dataclass(frozen=True)
class Actions:
    buttons: tuple[Button, ...]


Part = Header | Section | Context | Divider | Actions

FieldKind = Literal["text", "textarea", "date", "time", "url", "select", "number"]
Options = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Field:
    """One input of a form. `block_id` is how the submitted value comes back.

    A select shows `options`, or `groups` of options under a label each (`(label, options)`); a number
    field is bounded by `minimum` and `maximum` and takes decimals when `decimals` is set.
    """

    block_id: str
    label: str
    kind: FieldKind = "text"
    initial: str | None = None
    optional: bool = False
    options: Options = ()
    hint: str | None = None
    max_length: int | None = None
    groups: tuple[tuple[str, Options], ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    decimals: bool = False


@dataclass(frozen=True)
class Form:
    """A form the person fills in (a modal in Slack); `callback_id` names what handles the submission."""

    callback_id: str
    title: str
    submit: str
    fields: tuple[Field, ...]
    intro: str | None = None
    metadata: str = ""


@dataclass
class Reply:
    """A message for one person, or a form to open. `error` marks a refusal, so callers can tell it apart."""

    parts: list[Part] = field(default_factory=list)
    error: bool = False
    form: Form | None = None
    # Slow work that runs after Slack has been answered; its reply replaces this one (a "working on it").
    later: Callable[[], Reply] | None = field(default=None, compare=False)

    @property
    def summary(self) -> str:
        """The plain text Slack shows in notifications and where blocks cannot be drawn."""
        for part in self.parts:
            if isinstance(part, Header | Section | Context):
                return part.text
        return ""


def notice(text: str, *, error: bool = False) -> Reply:
    return Reply([Section(text)], error=error)


@dataclass
class Submission:
    """The outcome of a submitted form: field errors to show in the form, a next form to show in its
    place (a form in steps), or a reply and the form closes.

    The work itself (creating, sending, recording) is `then`: its fields are checked already, and it runs
    once Slack has its answer, since Slack waits only three seconds. Its reply is the outcome, told to
    the person as a direct message, or shown in place of the message `replaces` names (channel, ts);
    `None` means there is nothing more to say. With `next_step`, `then` makes the form's next step (a
    reply with a form), which takes the place of a short wait in the same modal.
    """

    errors: dict[str, str] = field(default_factory=dict)
    reply: Reply | None = None
    form: Form | None = None
    then: Callable[[], Reply | None] | None = field(default=None, compare=False)
    replaces: tuple[str, str] | None = None
    next_step: bool = False
