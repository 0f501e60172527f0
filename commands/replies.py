"""What a command answers, independent of Slack: the bot renders it as Block Kit, the terminal as text.

Texts here are already in the user's language; `*bold*` is the only markup, which both renderers know.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass
class Reply:
    """A message for one person. `error` marks a refusal, so callers can tell it from an answer."""

    parts: list[Part] = field(default_factory=list)
    error: bool = False

    @property
    def summary(self) -> str:
        """The plain text Slack shows in notifications and where blocks cannot be drawn."""
        for part in self.parts:
            if isinstance(part, Header | Section | Context):
                return part.text
        return ""


def notice(text: str, *, error: bool = False) -> Reply:
    return Reply([Section(text)], error=error)
