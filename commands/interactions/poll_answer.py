"""A poll's buttons and its comment form, as a member uses them in their direct message.

Every value that comes back from Slack is untrusted: a malformed or forged value, a rating outside 1–5,
a poll that was not sent to the person, a closed poll or an over-long comment is refused with a note in
the person's language, and nothing is stored. Nothing here logs who answered what, and nothing here
speaks to Slack: a saved comment says which message to show it in, and the bot replaces that message.
"""

from __future__ import annotations

import re

from commands.context import Invocation
from participation.i18n import Gettext
from participation.messages import Field, Form, Reply, Submission, notice
from participation.polls import answers
from participation.polls.answers import Answered, Outcome
from participation.polls.messages import (
    ANSWER_KEY,
    COMMENT_FORM,
    event_line,
    parse_click,
    parse_comment_value,
    recorded,
)
from participation.polls.tokens import Signer
from participation.storage.models import Poll

COMMENT_FIELD = "comment"
_METADATA = re.compile(rf"^(\d{{1,9}}):({ANSWER_KEY}):([A-Z0-9]{{0,32}}):([0-9.]{{0,32}})$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def refusal(outcome: Outcome, _: Gettext) -> str:
    return {
        Outcome.UNKNOWN: _("That button is not one of mine. Nothing was recorded."),
        Outcome.NOT_ASKED: _(
            "This poll was not sent to you, so your answer was not recorded. Thank you all the same!"
        ),
        Outcome.CLOSED: _(
            "This poll has closed, so answers can no longer be given or changed. Thank you all the same!"
        ),
        Outcome.ALREADY_ANSWERED: _(
            "You have already answered this poll, so nothing was changed. To change your answer, use the "
            "buttons in the message that shows it."
        ),
    }.get(outcome, _("That button is not one of mine. Nothing was recorded."))


def answer_click(invocation: Invocation, action_id: str, value: str) -> Reply:
    """A rating button. The reply (not an error) replaces the person's message and carries the token."""
    _ = invocation._
    click = parse_click(action_id, value)
    if click is None:
        return notice(_("That button is not one of mine. Nothing was recorded."), error=True)
    if not click.in_scale:
        return notice(_("An answer is a number from 1 to 5. Nothing was recorded."), error=True)
    with invocation.db.session() as session:
        poll = session.get(Poll, click.poll_id)  # held, so that the answer finds it loaded
        outcome = answers.answer(
            session,
            Signer.of(invocation.settings),
            click.poll_id,
            invocation.user_id,
            click.token,
            click.rating,
            invocation.now(),
        )
        if poll is None or outcome.outcome not in (Outcome.RECORDED, Outcome.CHANGED):
            return notice(refusal(outcome.outcome, _), error=True)
        return _recorded(invocation, poll, outcome)  # before the commit, which would expire the poll


def _recorded(invocation: Invocation, poll: Poll, outcome: Answered) -> Reply:
    return recorded(
        poll,
        outcome.token,
        outcome.rating,
        outcome.comment is not None,
        invocation.language,
        invocation.zone,
    )


def comment_form(invocation: Invocation, value: str, channel: str, ts: str) -> Reply:
    """The "Add a comment" button: the form, with the comment so far; the message's place goes along
    in the form so that the message can show the comment was recorded."""
    _ = invocation._
    parsed = parse_comment_value(value)
    if parsed is None:
        return notice(_("That button is not one of mine. Nothing was recorded."), error=True)
    poll_id, token = parsed
    with invocation.db.session() as session:
        refused, comment = answers.comment_state(
            session, Signer.of(invocation.settings), poll_id, invocation.user_id, token, invocation.now()
        )
        poll = session.get(Poll, poll_id)
    if refused is not None or poll is None:
        return notice(refusal(refused or Outcome.UNKNOWN, _), error=True)
    place = (
        f"{channel}:{ts}"
        if re.fullmatch(r"[A-Z0-9]{1,32}", channel) and re.fullmatch(r"[0-9.]{1,32}", ts)
        else ":"
    )
    maximum = invocation.settings.poll_comment_max
    form = Form(
        callback_id=COMMENT_FORM,
        title=_("Your comment"),
        submit=_("Save"),
        intro=event_line(poll, invocation.language),
        fields=(
            Field(
                COMMENT_FIELD,
                _("Comment"),
                "textarea",
                initial=comment,
                optional=True,
                max_length=maximum,
                hint=_(
                    "Stored without your name and passed on word for word to the coordinators; leave out "
                    "anything that tells who you are. Leave it empty to remove your comment."
                ),
            ),
        ),
        metadata=f"{poll_id}:{token}:{place}",
    )
    return Reply(form=form)


def submit_comment(invocation: Invocation, values: dict[str, str], metadata: str) -> Submission:
    """Checked before the form is answered (a refusal shows in the form); saved after. The saved comment
    is shown in the person's own message, which the bot replaces (`replaces`); a refusal that comes only
    then (the poll closed meanwhile) reaches the person as a direct message."""
    _ = invocation._
    match = _METADATA.match(metadata)
    if match is None:
        return _refused(_("That form is not one of mine. Nothing was recorded."))
    text = _CONTROL.sub("", values.get(COMMENT_FIELD, "")).strip()
    maximum = invocation.settings.poll_comment_max
    if len(text) > maximum:
        return _refused(
            _(
                "A comment can have at most {maximum} characters; this one has {length}. "
                "Nothing was recorded."
            ).format(maximum=maximum, length=len(text))
        )
    poll_id, token, channel, ts = int(match.group(1)), match.group(2), match.group(3), match.group(4)
    with invocation.db.session() as session:
        refused, _comment = answers.comment_state(
            session, Signer.of(invocation.settings), poll_id, invocation.user_id, token, invocation.now()
        )
    if refused is not None:
        return _refused(refusal(refused, _))
    place = (channel, ts) if channel and ts else None
    return Submission(
        then=lambda: _save_comment(invocation, poll_id, token, text, shown=place is not None), replaces=place
    )


def _save_comment(invocation: Invocation, poll_id: int, token: str, text: str, shown: bool) -> Reply | None:
    """The message that shows the comment is recorded, with the answer's new token (None if there is no
    message to show it in: the token never goes through the outbox, so that message's buttons then
    answer that they are not the bot's any more)."""
    _ = invocation._
    with invocation.db.session() as session:
        outcome = answers.set_comment(
            session,
            Signer.of(invocation.settings),
            poll_id,
            invocation.user_id,
            token,
            text or None,
            invocation.now(),
        )
        poll = session.get(Poll, poll_id)
        if outcome.outcome != Outcome.CHANGED or poll is None:
            return notice(refusal(outcome.outcome, _), error=True)
        return _recorded(invocation, poll, outcome) if shown else None


def _refused(text: str) -> Submission:
    return Submission(errors={COMMENT_FIELD: text})
