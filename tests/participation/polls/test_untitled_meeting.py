"""A meeting without a title of its own (planned with the title left empty, or a stored default cleared
by migration 0011): its poll is named like the meeting, in each reader's own language."""

from __future__ import annotations

from participation.storage.models import Meeting, Poll
from tests.participation.polls.support import hold_meeting, open_poll, twenty_members
from tests.support.clock import Clock
from tests.support.running import RunningBot, texts

DEFAULT = {
    "fi": "Osallisuusverkosto: kokous",
    "sv": "Delaktighetsnätverket: möte",
    "en": "Participation network: meeting",
}


def test_the_poll_of_an_untitled_meeting_reads_in_each_members_language(
    network_bot: RunningBot, clock: Clock
) -> None:
    members = twenty_members(network_bot)
    meeting_id = hold_meeting(network_bot, clock)
    with network_bot.runtime.db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.title = ""
    poll_id = open_poll(network_bot, meeting_id)
    with network_bot.runtime.db.session() as session:
        poll = session.get(Poll, poll_id)
        assert poll is not None and poll.title == ""
    asked = {
        call.args.get("channel"): texts(call.args)
        for call in network_bot.standin.calls_to("chat.postMessage")
    }
    for member, language in zip(members[:3], ("fi", "sv", "en"), strict=True):
        assert DEFAULT[language] in asked[member]
        assert [name for name in DEFAULT.values() if name in asked[member]] == [DEFAULT[language]]
