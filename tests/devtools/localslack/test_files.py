"""The stand-in's files.completeUploadExternal: several files shared in one call as Slack takes them,
all or nothing, behind the files:write scope."""

from __future__ import annotations

import pytest
import requests
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from devtools.localslack.server import SlackStandIn


def _uploaded(client: WebClient, name: str, data: bytes) -> str:
    answer = client.files_getUploadURLExternal(filename=name, length=len(data))
    assert requests.post(str(answer["upload_url"]), data=data, timeout=5).status_code == 200
    return str(answer["file_id"])


def test_several_uploaded_files_are_shared_in_one_completion(slack: SlackStandIn, client: WebClient) -> None:
    ids = [_uploaded(client, name, data) for name, data in (("a.md", b"# A"), ("b.csv", b"x,y"))]
    files = [{"id": ids[0], "title": "A"}, {"id": ids[1], "title": "B"}]
    answer = client.files_completeUploadExternal(files=files, channel_id="CLOCAL", initial_comment="Both")
    assert [(f["name"], f["title"]) for f in answer["files"]] == [("a.md", "A"), ("b.csv", "B")]
    assert [slack.uploaded(i) for i in ids] == [b"# A", b"x,y"]


@pytest.mark.parametrize(
    ("files", "error"),
    [
        ([{"id": "F404", "title": "never uploaded"}], "file_not_found"),
        ([{"title": "no id"}], "invalid_arguments"),
        ({"id": "F1"}, "invalid_arguments"),
        ([], "invalid_arguments"),
    ],
)
def test_a_completion_naming_an_unknown_or_malformed_file_shares_nothing(
    slack: SlackStandIn, client: WebClient, files: object, error: str
) -> None:
    good = _uploaded(client, "a.md", b"# A")
    listed = [{"id": good, "title": "A"}, *files] if isinstance(files, list) and files else files
    with pytest.raises(SlackApiError) as refused:
        client.api_call("files.completeUploadExternal", json={"files": listed, "channel_id": "CLOCAL"})
    assert refused.value.response["error"] == error
    assert slack.upload_name(good) == "a.md" and "title" not in slack._uploads[good]


def test_sharing_files_needs_the_files_write_scope(slack: SlackStandIn, client: WebClient) -> None:
    good = _uploaded(client, "a.md", b"# A")
    slack.scopes = {"chat:write"}
    with pytest.raises(SlackApiError) as refused:
        client.files_completeUploadExternal(files=[{"id": good, "title": "A"}], channel_id="CLOCAL")
    assert refused.value.response["error"] == "missing_scope"
