"""The page's words, through the gettext catalogues like every text of the bot, handed to the templates
as one mapping so that the templates hold no language of their own."""

from __future__ import annotations

from participation.dashboard import IndicatorView, TargetView
from participation.i18n import Gettext, number_text
from participation.plan.progress import State

LANGUAGE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


def words(_: Gettext) -> dict[str, str]:
    return {
        "skip": _("Skip to the content"),
        "languages": _("Language"),
        "page_title": _("Progress of the participation plan"),
        "summary": _("Summary"),
        "period": _("Plan period"),
        "year": _("Reporting year"),
        "confirmed": _("Indicators confirmed"),
        "next_deadline": _("Next reporting deadline"),
        "next_meeting": _("Next network meeting"),
        "updated": _("Figures last updated"),
        "draft": _("draft"),
        "ended": _("The plan's period has ended: these are its final figures."),
        "indicator": _("Indicator"),
        "state": _("State"),
        "value": _("Value"),
        "target": _("Target"),
        "met": _("Target met"),
        "owner": _("Answerable"),
        "evidence": _("Evidence"),
        "measure_caption": _("Indicators of the measure {measure}"),
        "meetings": _("Network meetings"),
        "meetings_intro": _("Meetings held in the reporting year against the target range of {range}."),
        "meetings_caption": _("Network meetings held in {year}"),
        "network": _("Network"),
        "held": _("Held"),
        "satisfaction": _("Satisfaction"),
        "satisfaction_caption": _("Satisfaction in {year} on the scale 1–5"),
        "satisfaction_none": _("No satisfaction figures yet for this year."),
        "chart_alt": _("Bar chart: {items}. The same figures are in the table below."),
        "chart_target": _("The dashed lines mark the target."),
        "years": _("Other years of the plan"),
        "secret_note": _(
            "This page was opened with the plan's own link: keep the link to those it is meant for."
        ),
        "not_found_title": _("Page not found"),
        "not_found": _(
            "There is no progress page at this address, or the link is incomplete. "
            "Ask the plan's coordinators for the right link."
        ),
    }


def state_text(indicator: IndicatorView, _: Gettext) -> str:
    return _("confirmed") if indicator.state == State.CONFIRMED else _("not yet reported")


def met_text(met: bool | None, _: Gettext) -> str:
    if met is None:
        return "–"
    return _("yes") if met else _("no")


def target_text(target: TargetView | None, language: str) -> str:
    if target is None:
        return "–"
    low = None if target.min is None else number_text(target.min, language)
    high = None if target.max is None else number_text(target.max, language)
    if low is not None and high is not None:
        return low if low == high else f"{low}–{high}"
    return f"≥ {low}" if low is not None else f"≤ {high}"


def role_text(indicator: IndicatorView, _: Gettext) -> str:
    """Who answers for the figure, by role: the page names no one."""
    if indicator.computed:
        return _("the bot, from its own records")
    return _("the indicator's owner") if indicator.owners else _("the coordinators")
