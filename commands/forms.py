"""Which function handles which submitted form."""

from __future__ import annotations

from collections.abc import Callable

from commands.context import Invocation
from commands.meeting import CANCEL_FORM, MOVE_FORM, NEW_FORM, submit_cancel, submit_move, submit_new
from commands.meetings_plan import PLAN_FORM, submit_plan
from commands.replies import Submission

Submit = Callable[[Invocation, dict[str, str], str], Submission]

SUBMISSIONS: dict[str, Submit] = {
    NEW_FORM: submit_new,
    MOVE_FORM: submit_move,
    CANCEL_FORM: submit_cancel,
    PLAN_FORM: submit_plan,
}
