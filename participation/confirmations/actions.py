"""The buttons that ask a person to confirm an indicator, wherever they appear (a deadline reminder, the
dashboard, `mine`, an indicator's history, the App Home tab). Their action ids are plain names that the
edge maps to the code answering a click, so a message built in the domain needs nothing of the edge."""

from __future__ import annotations

from participation.i18n import Gettext
from participation.messages import Button
from participation.plan.schema import IndicatorKind
from participation.storage.models import IndicatorRecord

OPEN_ACTION = "confirm_open"  # value "<indicator>:<year>": open the confirmation form
YES_ACTION = "confirm_yes"  # value "<indicator>:<year>": confirm a yes/no indicator as "yes" there and then
CHOOSE_ACTION = "confirm_choose_open"  # value "<year>": open the form that starts by choosing the indicator
QUICK_KINDS = (IndicatorKind.YES_NO, IndicatorKind.YEARLY_REVIEW)


def confirm_buttons(indicator: IndicatorRecord, year: int, _: Gettext) -> tuple[Button, ...]:
    """A reminder's buttons: confirm a yes/no indicator there and then, or open its form."""
    value = f"{indicator.key}:{year}"
    opened = Button(_("Open the form"), OPEN_ACTION, value)
    if indicator.kind not in QUICK_KINDS or indicator.evidence_required:
        return (Button(_("Confirm…"), OPEN_ACTION, value, primary=True),)
    label = _("Confirm: yes") if indicator.kind == IndicatorKind.YES_NO else _("Confirm: reviewed")
    return (Button(label, YES_ACTION, value, primary=True), opened)
