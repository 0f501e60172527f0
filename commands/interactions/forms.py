"""Which function handles which submitted form."""

from __future__ import annotations

from collections.abc import Callable

from commands.confirm_form import submit_choose, submit_value
from commands.context import Invocation
from commands.ids import (
    CANCEL_FORM,
    CHOOSE_FORM,
    COMMENT_FORM,
    MOVE_FORM,
    NEW_FORM,
    NOTE_FORM,
    PLAN_FORM,
    VALUE_FORM,
)
from commands.interactions.poll_answer import submit_comment
from commands.meeting_forms import submit_cancel, submit_move, submit_new
from commands.meetings_plan_form import submit_plan
from commands.note_form import submit_note
from participation.messages import Submission

Submit = Callable[[Invocation, dict[str, str], str], Submission]

SUBMISSIONS: dict[str, Submit] = {
    NEW_FORM: submit_new,
    MOVE_FORM: submit_move,
    CANCEL_FORM: submit_cancel,
    PLAN_FORM: submit_plan,
    COMMENT_FORM: submit_comment,
    CHOOSE_FORM: submit_choose,
    VALUE_FORM: submit_value,
    NOTE_FORM: submit_note,
}
