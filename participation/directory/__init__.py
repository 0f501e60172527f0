"""The people and channels the bot knows, as stored by the directory sync in `bot/`.

The domain asks these questions inside its transactions; none of them calls Slack. A person's own choice
of language (`/osallisuus lang`) wins over the Slack locale, which wins over DEFAULT_LANGUAGE. The sync
(and Slack's member and user events) write through `write`, with neutral values: no Slack payload gets
past the edge.
"""

from participation.directory.read import (
    Listed,
    coordinator_ids,
    in_channel,
    language_of,
    languages_of,
    listed,
    member_ids,
    name_of,
    reachable,
    who,
)
from participation.directory.write import (
    PersonInfo,
    add_channel_member,
    remove_channel_member,
    set_channel_members,
    set_coordinators,
    stale_or_unknown,
    store_people,
)

__all__ = [
    "Listed",
    "PersonInfo",
    "add_channel_member",
    "coordinator_ids",
    "in_channel",
    "language_of",
    "languages_of",
    "listed",
    "member_ids",
    "name_of",
    "reachable",
    "remove_channel_member",
    "set_channel_members",
    "set_coordinators",
    "stale_or_unknown",
    "store_people",
    "who",
]
