"""The tables. Texts are stored as JSON objects keyed by language, exactly as the plan file gives them.

Indicators are never deleted: one that a later import no longer lists is marked retired, so the
confirmations recorded against it stay readable.

The tables are grouped by domain in the modules beside this one, all on the one `Base` (one metadata).
"""

from __future__ import annotations

# Re-exported here, as the many importers (and Alembic's env.py) reach every table through this package.
from participation.storage.models.base import Base, LocalizedText, UTCDateTime, utcnow
from participation.storage.models.bookkeeping import AuditEntry, OutboxItem, Revision, SeenRequest
from participation.storage.models.follow_up import Highlight, HighlightVersion, IndicatorComment
from participation.storage.models.meetings import Meeting, NetworkGuest, NetworkRecord, Rsvp
from participation.storage.models.people import ChannelMember, Person, UserPreference
from participation.storage.models.plan import (
    Confirmation,
    IndicatorOwner,
    IndicatorRecord,
    MeasureRecord,
    PlanRecord,
    PlanUpload,
    PriorityRecord,
    new_page_token,
)
from participation.storage.models.polls import Poll, PollComment, PollRecipient, PollTally

__all__ = [
    "AuditEntry",
    "Base",
    "ChannelMember",
    "Confirmation",
    "Highlight",
    "HighlightVersion",
    "IndicatorComment",
    "IndicatorOwner",
    "IndicatorRecord",
    "LocalizedText",
    "MeasureRecord",
    "Meeting",
    "NetworkGuest",
    "NetworkRecord",
    "OutboxItem",
    "Person",
    "PlanRecord",
    "PlanUpload",
    "Poll",
    "PollComment",
    "PollRecipient",
    "PollTally",
    "PriorityRecord",
    "Revision",
    "Rsvp",
    "SeenRequest",
    "UTCDateTime",
    "UserPreference",
    "new_page_token",
    "utcnow",
]
