"""Answering a meeting's poll through signed Slack requests, as twenty members in three languages would:
one click records, the message changes to show it, a change replaces it, and everything that should not
count (a double click, an old message, a closed poll, someone not asked, a forged value) changes nothing."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from devtools.localslack.payloads import block_actions, signed_headers
from devtools.localslack.server import SlackStandIn
from participation.storage.models import OutboxItem, Poll, PollRecipient
from tests.participation.polls.support import (
    LANGUAGE,
    QUESTION,
    answered,
    buttons,
    change,
    click,
    close_poll,
    comments,
    count,
    hold_meeting,
    open_poll,
    outbox_keys,
    poll_messages,
    ratings,
    token_of,
    twenty_members,
)
from tests.support.clock import Clock
from tests.support.running import RunningBot, texts

SCALE_WORDS = {
    "fi": [
        "Erittäin tyytymätön",
        "Tyytymätön",
        "Ei tyytyväinen eikä tyytymätön",
        "Tyytyväinen",
        "Erittäin tyytyväinen",
    ],
    "sv": ["Mycket missnöjd", "Missnöjd", "Varken nöjd eller missnöjd", "Nöjd", "Mycket nöjd"],
    "en": [
        "Very dissatisfied",
        "Dissatisfied",
        "Neither satisfied nor dissatisfied",
        "Satisfied",
        "Very satisfied",
    ],
}


NOT_MINE = {
    "fi": "Painike ei ole minun",
    "sv": "Den knappen är inte min",
    "en": "That button is not one of mine",
}


@pytest.fixture
def members(network_bot: RunningBot, standin: SlackStandIn, clock: Clock) -> list[str]:
    people = twenty_members(network_bot)
    hold_meeting(network_bot, clock)
    open_poll(network_bot)
    return people


def test_every_member_gets_one_poll_in_their_language_with_the_scale_in_one_row(
    network_bot: RunningBot, members: list[str]
) -> None:
    for user in members:
        [message] = poll_messages(network_bot, user)
        language = LANGUAGE[user]
        shown = texts(message)
        assert QUESTION[language] in shown and "Kevään kokous" in shown
        [row] = [b for b in message["blocks"] if b["type"] == "actions"]
        labels = [e["text"]["text"] for e in row["elements"]]
        assert labels == [f"{n} {word}" for n, word in enumerate(SCALE_WORDS[language], start=1)]
        assert [e["value"] for e in row["elements"]] == [f"1::{n}" for n in range(1, 6)]
    assert len(outbox_keys(network_bot, "poll-ask:1:")) == 20
    open_poll(network_bot)  # the job running again sends nothing more
    assert sum(len(poll_messages(network_bot, user)) for user in members) == 20
    assert count(network_bot, Poll) == 1 and count(network_bot, PollRecipient) == 20


def test_one_click_records_and_the_message_shows_it_with_a_way_to_change(
    network_bot: RunningBot, members: list[str]
) -> None:
    swedish = next(user for user in members if LANGUAGE[user] == "sv")
    response = click(network_bot, swedish, 4)
    assert response["replace_original"] is True
    shown = texts(response)
    assert "Sparat: *4 – Nöjd*" in shown and "Kevään kokous" in shown
    token = token_of(response)
    chosen = [b for b in buttons(response) if b.get("style") == "primary"]
    assert [b["value"] for b in chosen] == [f"1:{token}:4"]
    assert any(b["action_id"] == "poll_comment" and b["value"] == f"1:{token}" for b in buttons(response))
    assert ratings(network_bot) == [4] and answered(network_bot) == {swedish}

    changed = change(network_bot, swedish, token, 2)
    newer = token_of(changed)
    assert "Sparat: *2 – Missnöjd*" in texts(changed) and newer != token
    assert ratings(network_bot) == [2]
    again = change(network_bot, swedish, newer, 2)  # the same click twice changes nothing else
    assert token_of(again) == newer and ratings(network_bot) == [2]


def test_an_older_message_cannot_change_the_answer_again(network_bot: RunningBot, members: list[str]) -> None:
    """A replayed or older message's token is stale once the answer changed: taking its rating off the
    count a second time would lose an answer."""
    finn, other = members[0], members[3]
    click(network_bot, other, 4)
    first = token_of(click(network_bot, finn, 4))
    second = token_of(change(network_bot, finn, first, 1))
    for stale in (change(network_bot, finn, first, 5), change(network_bot, finn, first, 1)):
        assert stale.get("replace_original") is False
        assert NOT_MINE["fi"] in texts(stale)
    assert ratings(network_bot) == [1, 4]
    assert "Tallennettu: *3" in texts(change(network_bot, finn, second, 3))
    assert ratings(network_bot) == [3, 4]


def test_a_token_made_for_someone_else_or_tampered_with_is_refused(
    network_bot: RunningBot, members: list[str]
) -> None:
    finn, swede = members[0], members[1]
    finns = token_of(click(network_bot, finn, 2))
    token_of(click(network_bot, swede, 4))
    payload, signature = finns.split(".")
    tampered = f"{payload[:-2]}{'A' if payload[-2] != 'A' else 'B'}{payload[-1]}.{signature}"
    for user, token in ((swede, finns), (finn, tampered)):
        note = change(network_bot, user, token, 5)
        assert note.get("replace_original") is False and NOT_MINE[LANGUAGE[user]] in texts(note)
    assert ratings(network_bot) == [2, 4]


def test_a_first_answer_button_after_answering_changes_nothing(
    network_bot: RunningBot, members: list[str]
) -> None:
    finn = members[0]
    click(network_bot, finn, 5)
    note = click(network_bot, finn, 1)  # the question's own buttons, say in another copy of the message
    assert note.get("replace_original") is False
    assert "Olet jo vastannut tähän kyselyyn" in texts(note)
    assert ratings(network_bot) == [5]


def test_a_double_click_records_one_answer(network_bot: RunningBot, members: list[str]) -> None:
    user = members[2]
    before = len(network_bot.standin.calls_to("response_url"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(
            pool.map(lambda rating: network_bot.click(user, f"poll_answer_{rating}", f"1::{rating}"), (3, 5))
        )
    assert [r.status_code for r in results] == [200, 200]
    responses = [c.args for c in network_bot.standin.wait_for("response_url", before + 2)[before:]]
    recorded = [r for r in responses if r.get("replace_original") is True]
    refused = [r for r in responses if r.get("replace_original") is False]
    assert len(recorded) == 1 and len(refused) == 1
    assert "You have already answered this poll" in texts(refused[0])
    assert len(ratings(network_bot)) == 1 and answered(network_bot) == {user}


def test_twenty_members_answer_and_each_answer_counts_once(
    network_bot: RunningBot, members: list[str]
) -> None:
    given = [(n % 5) + 1 for n in range(20)]
    tokens = {}
    for user, rating in zip(members, given, strict=True):
        tokens[user] = token_of(click(network_bot, user, rating))
    assert len(set(tokens.values())) == 20
    assert ratings(network_bot) == sorted(given)
    for user in members[:5]:
        change(network_bot, user, tokens[user], 5)
        change(network_bot, user, tokens[user], 5)  # the same message again counts nothing twice
    assert ratings(network_bot) == sorted([5] * 5 + given[5:])
    assert answered(network_bot) == set(members)


def test_after_the_close_a_click_gets_a_polite_note_and_changes_nothing(
    network_bot: RunningBot, members: list[str], clock: Clock
) -> None:
    first, late = members[0], members[4]
    token = token_of(click(network_bot, first, 4))
    close_poll(network_bot, clock)
    for response in (click(network_bot, late, 3), change(network_bot, first, token, 1)):
        assert response.get("replace_original") is False
    assert "Den här enkäten har stängts" in texts(click(network_bot, members[1], 2))
    assert ratings(network_bot) == [4] and answered(network_bot) == {first}


def test_someone_not_asked_is_told_in_their_language_and_nothing_is_stored(
    network_bot: RunningBot, members: list[str]
) -> None:
    note = click(network_bot, "USV00001", 4)
    assert "Den här enkäten skickades inte till dig" in texts(note)
    assert ratings(network_bot) == [] and answered(network_bot) == set()


@pytest.mark.parametrize(
    ("action_id", "value", "expected"),
    [
        ("poll_answer_4", "drop table", "That button is not one of mine"),
        ("poll_answer_4", "1:not-a-token:4", "That button is not one of mine"),
        ("poll_answer_4", "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:4", "That button is not one of mine"),
        ("poll_answer_3", "1::4", "That button is not one of mine"),
        ("poll_answer_4", "999::4", "That button is not one of mine"),
        ("poll_answer_9", "1::9", "An answer is a number from 1 to 5"),
        ("poll_answer_0", "1::0", "An answer is a number from 1 to 5"),
        ("poll_answer_x", "1::-3", "An answer is a number from 1 to 5"),
    ],
)
def test_forged_or_malformed_values_are_refused_and_nothing_is_stored(
    network_bot: RunningBot, members: list[str], action_id: str, value: str, expected: str
) -> None:
    english = members[2]
    before = len(network_bot.standin.calls_to("response_url"))
    assert network_bot.click(english, action_id, value).status_code == 200
    response = network_bot.standin.wait_for("response_url", before + 1)[before].args
    assert expected in texts(response) and response.get("replace_original") is False
    assert ratings(network_bot) == [] and answered(network_bot) == set()


def test_a_request_with_a_forged_signature_is_refused(network_bot: RunningBot, members: list[str]) -> None:
    action = {"action_id": "poll_answer_5", "value": "1::5", "text": {"type": "plain_text", "text": "5"}}
    body, content_type = block_actions(members[0], action, network_bot.standin.response_url())
    response = network_bot.post(body, content_type, headers=signed_headers("not-the-secret", body))
    assert response.status_code == 401
    assert ratings(network_bot) == [] and answered(network_bot) == set()


# --- the comment -------------------------------------------------------------------------------------


def _open_comment(bot: RunningBot, user: str, token: str) -> dict[str, Any]:
    before = len(bot.standin.calls_to("views.open"))
    message = {"ts": "1800000000.000100", "type": "message"}
    response = bot.click(user, "poll_comment", f"1:{token}", channel_id=f"D{user}", message=message)
    assert response.status_code == 200
    view = bot.standin.wait_for("views.open", before + 1)[before].args["view"]
    return json.loads(view) if isinstance(view, str) else dict(view)


def _comment(bot: RunningBot, user: str, view: dict[str, Any], text: str) -> Any:
    return bot.submit(user, view, {"comment": {"type": "plain_text_input", "value": text}})


def test_a_comment_is_added_in_a_form_and_the_message_says_so(
    network_bot: RunningBot, members: list[str]
) -> None:
    finn = members[0]
    token = token_of(click(network_bot, finn, 4))
    view = _open_comment(network_bot, finn, token)
    [field] = [b for b in view["blocks"] if b["type"] == "input"]
    assert field["element"]["max_length"] == 1000 and field["optional"] is True
    assert view["private_metadata"] == f"1:{token}:D{finn}:1800000000.000100"

    response = _comment(network_bot, finn, view, "  Hyvä ja selkeä tapaaminen.  ")
    assert response.status_code == 200 and not response.content
    assert comments(network_bot) == ["Hyvä ja selkeä tapaaminen."]
    [update] = network_bot.standin.calls_to("chat.update")
    assert update.args["channel"] == f"D{finn}" and update.args["ts"] == "1800000000.000100"
    updated = texts(update.args)
    assert "Kommenttisi on tallennettu" in updated and "Tallennettu: *4 – Tyytyväinen*" in updated
    assert not outbox_keys(network_bot, "form:")  # the comment's confirmation is not kept anywhere

    newer = token_of(update.args)  # the message now carries the comment's key, under a new token
    assert newer != token
    again = _open_comment(network_bot, finn, newer)  # the form shows the comment so far, to change it
    [field] = [b for b in again["blocks"] if b["type"] == "input"]
    assert field["element"]["initial_value"] == "Hyvä ja selkeä tapaaminen."
    assert ratings(network_bot) == [4]


def test_a_comment_is_changed_and_removed_through_the_latest_message_only(
    network_bot: RunningBot, members: list[str]
) -> None:
    finn, swede = members[0], members[1]
    token = token_of(click(network_bot, finn, 4))
    click(network_bot, swede, 2)
    first_form = _open_comment(network_bot, finn, token)
    _comment(network_bot, finn, first_form, "Ensimmäinen ajatus")
    token = token_of(network_bot.standin.calls_to("chat.update")[-1].args)
    _comment(network_bot, finn, _open_comment(network_bot, finn, token), "Toinen ajatus")
    assert comments(network_bot) == ["Toinen ajatus"]  # changed in place, not a second comment
    token = token_of(network_bot.standin.calls_to("chat.update")[-1].args)

    stale = _comment(network_bot, finn, first_form, "Kolmas ajatus").json()  # the first form, replayed
    assert NOT_MINE["fi"] in stale["errors"]["comment"]
    token = token_of(change(network_bot, finn, token, 5))  # a new rating keeps the comment
    assert comments(network_bot) == ["Toinen ajatus"] and ratings(network_bot) == [2, 5]

    _comment(network_bot, finn, _open_comment(network_bot, finn, token), "")
    assert comments(network_bot) == [] and ratings(network_bot) == [2, 5]


def test_an_over_long_comment_is_refused_in_the_form_and_nothing_is_stored(
    network_bot: RunningBot, members: list[str]
) -> None:
    swede = members[1]
    token = token_of(click(network_bot, swede, 3))
    view = _open_comment(network_bot, swede, token)
    response = _comment(network_bot, swede, view, "x" * 1001)
    assert response.status_code == 200
    answer = response.json()
    assert answer["response_action"] == "errors"
    assert "En kommentar kan ha högst 1000 tecken" in answer["errors"]["comment"]
    assert comments(network_bot) == []


@pytest.mark.parametrize(
    "metadata",
    [
        "",
        "1:short:DX:1.2",
        "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:DX:1.2",
        "999:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA::",
    ],
)
def test_a_forged_comment_form_is_refused_and_nothing_is_stored(
    network_bot: RunningBot, members: list[str], metadata: str
) -> None:
    english = members[2]
    click(network_bot, english, 5)
    view = {"type": "modal", "callback_id": "poll_comment_form", "private_metadata": metadata, "blocks": []}
    answer = _comment(network_bot, english, view, "forged").json()
    assert answer["response_action"] == "errors" and "not one of mine" in answer["errors"]["comment"]
    assert comments(network_bot) == []


def test_the_comment_button_of_someone_else_or_a_closed_poll_opens_nothing(
    network_bot: RunningBot, members: list[str], clock: Clock
) -> None:
    token = token_of(click(network_bot, members[0], 4))
    before = len(network_bot.standin.calls_to("response_url"))
    network_bot.click("UEN00001", "poll_comment", f"1:{token}")
    note = network_bot.standin.wait_for("response_url", before + 1)[before].args
    assert "This poll was not sent to you" in texts(note)
    close_poll(network_bot, clock)
    network_bot.click(members[0], "poll_comment", f"1:{token}")
    note = network_bot.standin.wait_for("response_url", before + 2)[before + 1].args
    assert "Tämä kysely on sulkeutunut" in texts(note)
    assert network_bot.standin.calls_to("views.open") == []
    assert count(network_bot, OutboxItem) > 0
