"""The stand-in in its own process (for the dispatch benchmark) answers as the in-process one does, and
is gone when its block ends."""

from __future__ import annotations

import pytest
import requests

from devtools.localslack.process import standin_process


def test_the_stand_in_process_answers_with_its_token_only_and_stops() -> None:
    with standin_process("xoxb-process") as remote:
        posted = requests.post(
            f"{remote.api_url}chat.postMessage",
            json={"channel": "UOWN00001", "text": "Muistutus"},
            headers={"Authorization": "Bearer xoxb-process"},
            timeout=5,
        ).json()
        assert posted["ok"] is True and posted["channel"].startswith("D")
        refused = requests.post(
            f"{remote.api_url}auth.test", headers={"Authorization": "Bearer xoxb-other"}, timeout=5
        ).json()
        assert refused == {"ok": False, "error": "invalid_auth"}
    with pytest.raises(requests.ConnectionError):
        requests.post(f"{remote.api_url}auth.test", timeout=2)
