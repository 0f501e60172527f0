"""Pydantic's refusals as reasons a coordinator can read in their own language.

The workbook reader validates rows with the plan schema; pydantic words its errors in English for
developers ("Input should be greater than or equal to 1"). The common ones are said again here through
the catalogues; anything rarer keeps pydantic's wording behind a translated "Not valid:".
"""

from __future__ import annotations

from typing import Any

from participation.i18n import Gettext
from participation.plan.schema import TargetOutside, TargetsReversed


def schema_reason(error: Any, _: Gettext) -> str:
    """One pydantic error (an `ErrorDetails`) as a sentence for the person who filled in the cell."""
    kind, ctx = str(error.get("type", "")), error.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, TargetOutside):
        return _("The target {value} is outside {low}–{high}.").format(
            value=f"{cause.value:g}", low=f"{cause.low:g}", high=f"{cause.high:g}"
        )
    if isinstance(cause, TargetsReversed):
        return _("The maximum target is smaller than the minimum.")
    bounded = {
        "greater_than_equal": (_("At least {limit}."), "ge"),
        "less_than_equal": (_("At most {limit}."), "le"),
        "greater_than": (_("Must be more than {limit}."), "gt"),
        "less_than": (_("Must be less than {limit}."), "lt"),
        "string_too_long": (_("At most {limit} characters."), "max_length"),
        "too_long": (_("At most {limit} items."), "max_length"),
    }
    if kind in bounded and bounded[kind][1] in ctx:
        text, key = bounded[kind]
        return text.format(limit=ctx[key])
    if kind in ("missing", "string_too_short"):
        return _("This cell needs a value.")
    if kind == "string_pattern_mismatch":
        return _("Use only lowercase letters a–z, digits and hyphens.")
    return _("Not valid: {detail}").format(detail=error.get("msg", ""))


def schema_location(location: tuple[int | str, ...]) -> str:
    """A pydantic error's place as the column key it names (`target.min`), list positions left out."""
    return ".".join(str(part) for part in location if not isinstance(part, int)) or "–"
