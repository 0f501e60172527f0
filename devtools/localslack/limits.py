"""Slack's rate limits, per method, for tests that prove the bot keeps within them or backs off.

Slack counts calls per method and workspace in tiers (Tier 2 about 20 a minute, Tier 3 about 50) and
`chat.postMessage` per channel (about one a second, short bursts allowed). Each limit is a token bucket:
a burst of `burst` calls, then `calls` per `per_seconds`. Off until a test switches them on.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from devtools.localslack.wire import Json

TIER_2 = ("users.list", "conversations.members", "usergroups.users.list", "usergroups.list")
TIER_3 = (
    "users.conversations",
    "users.info",
    "conversations.history",
    "conversations.replies",
    "conversations.open",
    "conversations.info",
    "chat.update",
    "views.open",
    "views.update",
    "views.push",
    "views.publish",
)
PER_CHANNEL = frozenset({"chat.postMessage"})
POST_BURST = 3


@dataclass(frozen=True)
class Limit:
    calls: int
    per_seconds: float
    burst: int | None = None

    @property
    def capacity(self) -> float:
        return float(self.burst if self.burst is not None else self.calls)


@dataclass
class _Bucket:
    tokens: float
    at: float


def tiers(scale: float = 1.0) -> dict[str, Limit]:
    """Slack's limits for the methods the bot uses; `scale` shrinks the windows (0.1: a minute is 6 s)."""
    limits = {method: Limit(20, 60 * scale) for method in TIER_2}
    limits |= {method: Limit(50, 60 * scale) for method in TIER_3}
    limits["chat.postMessage"] = Limit(1, 1 * scale, burst=POST_BURST)
    return limits


@dataclass
class RateLimits:
    limits: dict[str, Limit] = field(default_factory=dict)
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[tuple[str, str], _Bucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def retry_after(self, method: str, args: Json) -> int | None:
        """Count this call; the whole seconds to wait when it is over the limit, None when it may pass."""
        limit = self.limits.get(method)
        if limit is None:
            return None
        key = (method, str(args.get("channel", "")) if method in PER_CHANNEL else "")
        rate = limit.calls / limit.per_seconds
        with self._lock:
            now = self.clock()
            bucket = self._buckets.setdefault(key, _Bucket(limit.capacity, now))
            bucket.tokens = min(limit.capacity, bucket.tokens + (now - bucket.at) * rate)
            bucket.at = now
            if bucket.tokens >= 1 - 1e-9:  # a whole call earned back, give or take rounding
                bucket.tokens -= 1
                return None
            return max(1, math.ceil((1 - bucket.tokens) / rate))
