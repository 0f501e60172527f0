"""Why a meeting change was refused, in the user's language: shared by the one-line commands, the forms,
the year plan and `network link`, so each refusal reads the same wherever it comes from."""

from __future__ import annotations

from collections.abc import Callable

from commands.context import Invocation
from participation.meetings.networks import configured_networks
from participation.meetings.service import Clash, MeetingRefused, Refusal
from participation.meetings.texts import shown_title, when
from participation.messages import Reply, notice


def meeting_refusal(invocation: Invocation, work: Callable[[], Reply]) -> Reply:
    """A form's work after the ack: a refusal (something changed since the form was checked) is the
    outcome the person is told."""
    try:
        return work()
    except MeetingRefused as refused:
        return notice(refusal_text(refused, invocation), error=True)


def refusal_text(refused: MeetingRefused, invocation: Invocation) -> str:
    _ = invocation._
    known = ", ".join(f"`{network}`" for network in configured_networks())
    texts = {
        Refusal.UNKNOWN_NETWORK: _("There is no network {network!r}. The networks are {known}."),
        Refusal.NOT_LINKED: _(
            "The network {network} has no channel yet. A coordinator types "
            "`/osallisuus network link {network}` in the network's channel."
        ),
        Refusal.NOT_IN_CHANNEL: _(
            "I am not a member of that channel, so I cannot see who to invite. "
            "Add me with `/invite @osallisuusbotti`."
        ),
        Refusal.IN_PAST: _("That time has already passed. Choose a time in the future."),
        Refusal.END_BEFORE_START: _("The meeting must end after it starts."),
        Refusal.TOO_LONG: _("A meeting can last at most 12 hours."),
        Refusal.BAD_LINK: _("The online link must be a web address starting with https://."),
        Refusal.NO_SUCH_MEETING: _(
            "There is no meeting {meeting_id}. `/osallisuus meeting list` shows the meetings."
        ),
        Refusal.CANCELLED: _("That meeting is already cancelled."),
        Refusal.STARTED: _("That meeting has already started, so it can no longer be changed."),
        Refusal.OVERLAP: _("That overlaps with another meeting of the same network: {other}."),
    }
    details_ = dict(refused.details)
    other = details_.get("other")
    if isinstance(other, Clash):
        at = when(other.starts_at, other.ends_at, invocation.language, invocation.zone)
        title = shown_title(other.title, other.network_id, invocation.language)
        details_["other"] = f"{title}, {at} (#{other.id})"
    return texts[refused.reason].format(known=known, **details_)
