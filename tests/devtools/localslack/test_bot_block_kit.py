"""Whatever a reply or a form holds, the bot's renderers make Block Kit the strict stand-in takes.

The suite's shared stand-in already fails any test whose messages Slack would refuse; these properties
reach the corners those tests do not (long texts, many parts, repeated buttons, empty lists).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.blocks import MAX_HOME_BLOCKS, render
from bot.forms import modal
from devtools.localslack.checks import MESSAGE_BLOCKS, VIEW_BLOCKS, blocks_problems, view_problems
from participation.i18n import translator
from participation.messages import Actions, Button, Context, Divider, Field, Form, Header, Reply, Section

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=4000).filter(str.strip)
_short = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=200).filter(
    str.strip
)
_ids = st.sampled_from(["open", "confirm", "rsvp_yes", "poll_answer_1"])
_buttons = st.builds(
    Button, label=_short, action_id=_ids, value=st.text(max_size=2500), primary=st.booleans()
)
_parts = st.one_of(
    st.builds(Header, _short),
    st.builds(Section, _text, st.none() | _buttons),
    st.builds(Context, _text),
    st.builds(Divider),
    st.builds(Actions, st.lists(_buttons, max_size=30).map(tuple)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_parts, max_size=70))
def test_any_reply_renders_to_a_message_slack_takes(parts: list[object]) -> None:
    blocks = render(Reply(parts), translator("en"))  # type: ignore[arg-type]
    assert blocks_problems(blocks, MESSAGE_BLOCKS, "/blocks") == []


@settings(max_examples=30, deadline=None)
@given(st.lists(_parts, max_size=120))
def test_any_reply_renders_to_an_app_home_slack_takes(parts: list[object]) -> None:
    blocks = render(Reply(parts), translator("en"), limit=MAX_HOME_BLOCKS)  # type: ignore[arg-type]
    assert blocks_problems(blocks, VIEW_BLOCKS, "/view/blocks") == []


_options = st.lists(st.tuples(st.text(min_size=1, max_size=200), _short), max_size=120).map(tuple)
_fields = st.builds(
    Field,
    block_id=st.text("abcdefgh", min_size=1, max_size=20),
    label=_short,
    kind=st.sampled_from(["text", "textarea", "date", "time", "url", "select", "number"]),
    options=_options,
    hint=st.none() | _short,
    groups=st.lists(st.tuples(_short, _options), max_size=3).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(
    title=_short,
    submit=_short,
    fields=st.lists(_fields, max_size=8, unique_by=lambda field: field.block_id).map(tuple),
    intro=st.none() | _text,
    metadata=st.text(max_size=200),
)
def test_any_form_renders_to_a_modal_slack_takes(
    title: str, submit: str, fields: tuple[Field, ...], intro: str | None, metadata: str
) -> None:
    view = modal(Form("callback", title, submit, fields, intro, metadata))
    assert view_problems(view) == []
