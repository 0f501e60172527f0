"""The report's fixed texts in one place, so every format says the same thing.

The Finnish and Swedish wording is that of the division's own reports (seed 003 in Finnish, 001 in
Swedish): the translations of these English messages in the catalogues are the seed texts, so a reader
who knows the hand-made report finds the same headings. Section headings are the ones in the body of
the seed reports (the contents list of 003 shortens two of them).
"""

from __future__ import annotations

from dataclasses import dataclass

from participation.highlights.sections import ReportSection, section_title
from participation.i18n import translator


@dataclass(frozen=True)
class Labels:
    language: str
    contents: str
    reporting_period: str
    decision: str
    compiled: str
    guides_and_laws: str
    other_highlights: str
    no_indicator: str
    network_verdict: str
    satisfaction_caption: str
    meetings_caption: str
    structures: str
    priorities: str
    division_measures: str
    city_measures: str
    indicators: str
    realisation: str
    not_reported: str
    evidence: str
    target_at_least: str
    yearly: str
    target_range: str
    computed: str
    nothing_recorded: str
    meetings: str
    meetings_held: str
    no_meetings: str
    date: str
    network: str
    meeting: str
    satisfaction: str
    answers: str
    no_poll: str
    poll_open: str
    too_few_answers: str
    satisfaction_chart: str
    satisfaction_axis: str
    satisfaction_target: str
    meetings_chart: str
    meetings_axis: str
    meetings_target: str
    year: str
    missing: str
    missing_intro: str
    missing_indicator: str
    missing_unowned: str
    missing_section: str
    nothing_missing: str
    charts_elsewhere: str
    yes: str
    no: str
    division: str
    city: str
    file_stem: str
    satisfaction_file: str
    meetings_file: str
    sheet: str
    columns: tuple[str, ...]
    kinds: dict[str, str]
    sections: dict[ReportSection, str]


def labels(language: str) -> Labels:
    _ = translator(language)
    return Labels(
        language=language,
        contents=_("Contents of the report"),
        reporting_period=_("Reporting period: {period}"),
        decision=_("Decision-making: {decision}"),
        compiled=_("Compiled by Osallisuusbotti from its records on {date}."),
        # Translators: the headings over the list of laws, separated by "|" (one or two headings).
        guides_and_laws=_("What guides participation work|Laws"),
        other_highlights=_("Other highlights"),
        no_indicator=_("The plan gives this measure no follow-up indicator."),
        network_verdict=_("{count}: {verdict}"),
        satisfaction_caption=_(
            "Each bar is the average answer to one meeting's feedback poll; the dashed line is the target."
        ),
        meetings_caption=_(
            "Each bar is one network's meetings held in a year; the shaded band is the target range."
        ),
        structures=_("Structures for participation work and its leadership"),
        priorities=_("City-wide participation priorities {years}"),
        division_measures=_("The division's measures"),
        city_measures=_("City-wide measures"),
        indicators=_("Follow-up indicators"),
        realisation=_("Realisation"),
        not_reported=_("not reported"),
        evidence=_("Evidence: {text}"),
        target_at_least=_("target at least {value}"),
        yearly=_("Yearly report {year}"),
        target_range=_("target {low}–{high}"),
        computed=_("computed by the bot from its records"),
        nothing_recorded=_("Nothing has been recorded for this section."),
        meetings=_("Network meetings and satisfaction"),
        meetings_held=_("{network}, {year}: meetings held {held} (target {low}–{high} a year)."),
        no_meetings=_("The bot has no record of network meetings held in this period."),
        date=_("Date"),
        network=_("Network"),
        meeting=_("Meeting"),
        satisfaction=_("Satisfaction (1–5)"),
        answers=_("Answers"),
        no_poll=_("no feedback poll"),
        poll_open=_("poll still open"),
        too_few_answers=_("too few answers to show"),
        satisfaction_chart=_("Satisfaction per network meeting"),
        satisfaction_axis=_("Average satisfaction (1–5)"),
        satisfaction_target=_("Target {value}"),
        meetings_chart=_("Network meetings held per year"),
        meetings_axis=_("Meetings held"),
        meetings_target=_("Target {low}–{high} a year"),
        year=_("Year"),
        missing=_("What is missing"),
        missing_intro=_("These have not been reported, so the report does not show them as done:"),
        missing_indicator=_("{text} ({id}); owners: {owners}"),
        missing_unowned=_("{text} ({id}); no owner named"),
        missing_section=_("No highlights recorded for section {section}."),
        nothing_missing=_("Nothing is missing: every indicator is reported and every section has content."),
        charts_elsewhere=_("The charts are in the DOCX and HTML versions of this report."),
        yes=_("Yes"),
        no=_("No"),
        division=_("division"),
        city=_("city-wide"),
        file_stem=_("participation-report"),
        satisfaction_file=_("satisfaction-per-meeting"),
        meetings_file=_("meetings-per-year"),
        sheet=_("Indicators"),
        columns=(
            _("Year"),
            _("Priority"),
            _("Measure"),
            _("Scope"),
            _("Indicator id"),
            _("Indicator"),
            _("Kind"),
            _("Target"),
            _("Realisation"),
            _("Target met"),
            _("Comment"),
            _("Evidence"),
            _("Evidence link"),
            _("Confirmed by"),
            _("Confirmed on"),
        ),
        kinds={
            "yes_no": _("yes/no"),
            "percentage": _("percentage"),
            "rating": _("rating 1–5"),
            "count_range": _("count"),
            "monitored": _("figure followed"),
            "yearly_review": _("yearly review"),
        },
        sections={section: section_title(section, _) for section in ReportSection},
    )


def report_title(plan_title: str, language: str) -> str:
    """The report's title from the plan's, worded as the division words it.

    "…osallisuussuunnitelma 2023–2025" becomes "…osallisuussuunnitelman 2023–2025 raportointi" in Finnish
    (the genitive) and "Rapport över social-, … delaktighetsplan 2023–2025" in Swedish.
    """
    _ = translator(language)
    plan = plan_title.strip()
    if language == "fi":
        plan = _finnish_genitive(plan)
    elif language == "sv" and plan[:2] != plan[:2].upper():
        plan = plan[:1].lower() + plan[1:]
    return _("Report on the {plan}").format(plan=plan)


def _finnish_genitive(title: str) -> str:
    words = title.split(" ")
    for index in range(len(words) - 1, -1, -1):
        if words[index].endswith("suunnitelma"):
            words[index] += "n"
            break
    return " ".join(words)
