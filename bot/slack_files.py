"""Reading a file a person shared with the bot: `files.info` for its private URL, then the bytes from
that URL with the bot token (scope `files:read`), as Slack requires.

The token goes only to Slack's own file host or to the host the bot's client speaks to (the local
stand-in in tests and the shell), never to a URL elsewhere, whatever `files.info` says.
"""

from __future__ import annotations

import logging
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SharedFile:
    name: str
    content: bytes
    too_large: bool


def _trusted(url: str, api_url: str) -> bool:
    parts, api = urlsplit(url), urlsplit(api_url)
    if (parts.scheme, parts.netloc) == (api.scheme, api.netloc):
        return True
    return parts.scheme == "https" and (parts.hostname or "").endswith(".slack.com")


def download(client: WebClient, file_id: str, limit: int) -> SharedFile | None:
    """The file's name and bytes (at most `limit`, else `too_large`); None when Slack would not give it."""
    try:
        info = client.files_info(file=file_id).get("file") or {}
    except (SlackApiError, SlackClientError, OSError) as error:
        log.warning("files.info failed: %s", type(error).__name__)
        return None
    name = str(info.get("name") or "plan")
    url = str(info.get("url_private_download") or info.get("url_private") or "")
    if int(info.get("size") or 0) > limit:
        return SharedFile(name, b"", too_large=True)
    if not url or not _trusted(url, client.base_url):
        log.warning("a shared file's URL is not Slack's; not read")
        return None
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - a checked host
            if str(response.headers.get("Content-Type", "")).startswith("text/html"):
                log.warning("a shared file came back as a web page: the token was not accepted")
                return None
            content = response.read(limit + 1)
    except OSError as error:
        log.warning("a shared file could not be read: %s", type(error).__name__)
        return None
    return SharedFile(name, content if len(content) <= limit else b"", too_large=len(content) > limit)
