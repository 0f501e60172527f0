"""The stand-in's conversations: messages the bot posted, their history and threads, direct messages.

Posted messages are kept per channel with their metadata, so `conversations.history` can show the bot
what it already sent, as Slack does.
"""

from __future__ import annotations

import time

from devtools.localslack.faults import Faults
from devtools.localslack.wire import Json, decoded


class Conversations(Faults):
    bot_user_id: str

    def __init__(self) -> None:
        super().__init__()
        self._messages: dict[str, list[Json]] = {}
        self._last_ts = 0.0

    def messages(self, channel: str) -> list[Json]:
        """The messages posted to `channel` (a D… id for a direct message), oldest first."""
        with self._lock:
            return [dict(message) for message in self._messages.get(channel, [])]

    def _next_ts(self) -> str:
        """A message timestamp as Slack writes it, unique and rising even within one microsecond."""
        with self._lock:
            self._last_ts = max(time.time(), self._last_ts + 0.000001)
            return f"{self._last_ts:.6f}"

    def _post(self, args: Json) -> Json:
        ts = self._next_ts()
        return {
            "ok": True,
            "channel": args.get("channel"),
            "ts": ts,
            "message": {"text": args.get("text"), "ts": ts},
        }

    def _post_message(self, args: Json) -> Json:
        """chat.postMessage: answer as Slack does and keep the message, metadata included, for the history.

        A user id as the channel posts into the bot's direct conversation with that person, and the answer
        names that conversation's D… id, as Slack does: one call, no conversations.open first.
        """
        args = {**args, "channel": direct_channel(str(args.get("channel")))}
        answer = self._post(args)
        message: Json = {"type": "message", "user": self.bot_user_id, "bot_id": "BLOCAL"}
        message.update(text=args.get("text"), ts=answer["ts"])
        for name in ("blocks", "thread_ts", "metadata"):
            if args.get(name) is not None:
                message[name] = decoded(args[name])
        with self._lock:
            self._messages.setdefault(str(args.get("channel")), []).append(message)
        answer["message"] = _visible(message, include_metadata=False)
        return answer

    def _history(self, args: Json) -> Json:
        """conversations.history: a channel's top-level messages, newest first, after `oldest`."""
        with self._lock:
            stored = list(self._messages.get(str(args.get("channel")), []))
        top_level = [m for m in stored if m.get("thread_ts") in (None, m["ts"])]
        return _page(top_level, args)

    def _replies(self, args: Json) -> Json:
        """conversations.replies: a thread's parent and replies, oldest first as Slack gives them."""
        thread = str(args.get("ts"))
        with self._lock:
            stored = list(self._messages.get(str(args.get("channel")), []))
        in_thread = [m for m in stored if thread in (m["ts"], m.get("thread_ts"))]
        answer = _page(in_thread, args)
        answer["messages"].reverse()
        return answer

    def _open(self, args: Json) -> Json:
        """conversations.open for one user: the direct-message channel is `D` + the user's id."""
        users = str(args.get("users") or "")
        if not users or "," in users:
            return {"ok": False, "error": "users_list_not_supplied" if not users else "not_supported"}
        return {"ok": True, "channel": {"id": direct_channel(users)}}


def direct_channel(channel: str) -> str:
    """The conversation a post to `channel` lands in: a person's (U…, W…) is their direct one, `D` + id."""
    return "D" + channel if channel[:1] in ("U", "W") else channel


def _visible(message: Json, include_metadata: bool) -> Json:
    """Slack shows a message's metadata only to callers that ask with `include_all_metadata`."""
    return {k: v for k, v in message.items() if include_metadata or k != "metadata"}


def _page(messages: list[Json], args: Json) -> Json:
    """Newest first, strictly after `oldest`, at most `limit`; the stand-in has no further pages."""
    oldest = float(args.get("oldest") or 0)
    limit = int(args.get("limit") or 100)
    with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
    newer = [m for m in reversed(messages) if float(m["ts"]) > oldest]
    return {
        "ok": True,
        "messages": [_visible(m, with_metadata) for m in newer[:limit]],
        "has_more": len(newer) > limit,
        "response_metadata": {"next_cursor": ""},
    }
