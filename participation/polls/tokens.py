"""The token in a person's own poll message: what they answered, signed so that nobody can make one up.

The database keeps only counts per rating, so a change has to be told what it changes: the token carries
the poll, the rating counted, the person's answer version (see `PollRecipient`) and the key of their
comment, if any. It is signed with itsdangerous under a key derived from `SLACK_SIGNING_SECRET` and salted
with the person's Slack user id, so a token is good only for the person it was made for, and a changed
or made-up one reads as None. The token is signed, not encrypted: it says the rating the message shows
beside it anyway, and it exists only in that message. Changing the signing secret makes the tokens in
open polls' messages stale (refused as not the bot's); the first answers stay counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer

from config.settings import Settings

_SALT = "osallisuus.poll-answer:"


@dataclass(frozen=True)
class Token:
    poll_id: int
    rating: int
    version: int
    comment_key: str = ""


class Signer:
    """Signs and reads tokens with the app's signing secret."""

    def __init__(self, secret: str) -> None:
        if not secret:
            raise ValueError("SLACK_SIGNING_SECRET is needed to sign poll answers")
        self._secret = secret

    @classmethod
    def of(cls, settings: Settings) -> Signer:
        secret = settings.slack_signing_secret
        return cls(secret.get_secret_value() if secret is not None else "")

    def _serializer(self, user_id: str) -> URLSafeSerializer:
        return URLSafeSerializer(self._secret, salt=_SALT + user_id)

    def sign(self, user_id: str, token: Token) -> str:
        payload = [token.poll_id, token.rating, token.version, token.comment_key]
        return str(self._serializer(user_id).dumps(payload))

    def read(self, user_id: str, text: str) -> Token | None:
        """The token, if this bot made it for this person; None for anything else."""
        try:
            payload: Any = self._serializer(user_id).loads(text)
        except BadSignature:
            return None
        if not (isinstance(payload, list) and len(payload) == 4):
            return None
        poll_id, rating, version, key = payload
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in (poll_id, rating, version)):
            return None
        return Token(poll_id, rating, version, key) if isinstance(key, str) else None
