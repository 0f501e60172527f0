"""Modal ids as Slack gives them: each opened modal its own, kept while the modal is changed. A form's
outcome is told once per modal id, so ids alike for two modals would lose the second one's outcome."""

from __future__ import annotations

from slack_sdk import WebClient

from devtools.localslack.server import SlackStandIn

FORM = {
    "type": "modal",
    "title": {"type": "plain_text", "text": "Lomake"},
    "blocks": [{"type": "section", "text": {"type": "plain_text", "text": "Hei"}}],
}


def test_each_modal_has_its_own_id_and_keeps_it_when_changed(slack: SlackStandIn, client: WebClient) -> None:
    first = client.views_open(trigger_id="1.2", view=FORM)["view"]["id"]
    second = client.views_open(trigger_id="1.3", view=FORM)["view"]["id"]
    changed = client.views_update(
        view_id=first, view={**FORM, "title": {"type": "plain_text", "text": "Uusi"}}
    )
    assert first != second and changed["view"]["id"] == first
    assert changed["view"]["title"]["text"] == "Uusi"
    assert [call.answer["view"]["id"] for call in slack.calls_to("views.open")] == [first, second]
