"""How a stored value and a stored text read in a person's language: shared by the dashboard, the
history of an indicator, the confirmation receipts and the report, so they always agree."""

from __future__ import annotations

from participation.i18n import number_text, translator
from participation.plan.progress import Progress, State
from participation.plan.schema import IndicatorKind


def value_text(kind: str, progress: Progress, language: str) -> str:
    """The confirmed value as a person reads it: yes, 72 %, 4.2, or that nothing is reported yet."""
    _ = translator(language)
    if progress.state == State.NOT_REPORTED or progress.value is None:
        return _("not yet reported")
    value = progress.value
    if isinstance(value, bool):
        if kind == IndicatorKind.YEARLY_REVIEW:
            return _("reviewed") if value else _("not reviewed")
        return _("yes") if value else _("no")
    if isinstance(value, float):
        shown = number_text(value, language)
        return f"{shown} %" if kind == IndicatorKind.PERCENTAGE else shown
    return value


def localized(texts: dict[str, str] | None, language: str) -> str:
    """A stored text (a JSON object keyed by language) in the reader's language."""
    if not texts:
        return ""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()))
