"""The secret in a link (a network's calendar feed, a plan's progress page): one comparison for both."""

from __future__ import annotations

import hmac


def opens_with(secret: str, given: str) -> bool:
    """Whether `given` is the secret, compared in constant time. As bytes: `hmac.compare_digest` refuses
    two strings with non-ASCII characters with a TypeError, and anyone can type one into a link."""
    return bool(given) and hmac.compare_digest(secret.encode(), given.encode())
