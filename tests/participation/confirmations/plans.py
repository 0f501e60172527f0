"""Plans for the confirmation and deadline tests, imported with the project's own importer."""

from __future__ import annotations

import datetime as dt

from participation.plan.files import BUNDLED, load_plan_file, parse_plan
from participation.plan.importer import activate, import_plan
from participation.plan.schema import Period, ReportingDeadline, Text
from tests.support.running import RunningBot

EVERY_KIND = """
id: every-kind
status: approved
title: {fi: Kokeilusuunnitelma, sv: Testplan, en: Test plan}
organisation: {fi: Toimiala, sv: Sektorn, en: Division}
period: {start: 2024-01-01, end: 2025-12-31}
reporting_deadlines:
  - id: report-2024
    title: {fi: Vuosiraportti 2024, sv: Årsrapport 2024, en: Yearly report 2024}
    covers: {start: 2024-01-01, end: 2024-12-31}
    due: 2025-01-31
priorities:
  - id: only
    number: 1
    title: {fi: Painopiste, sv: Prioritet, en: Priority}
    measures:
      - id: measure
        scope: division
        title: {fi: Toimenpide, sv: Åtgärd, en: Measure}
        indicators:
          - id: plan-done
            text: {fi: Suunnitelma on tehty, sv: Planen är gjord, en: The plan is done}
            kind: yes_no
            owners: [UFI00001]
            evidence_required: true
          - id: feedback-share
            text: {fi: Palautteista käsitelty, sv: Andel behandlad respons, en: Share of feedback handled}
            kind: percentage
            target: {min: 70}
            owners: [USV00001]
          - id: training-rating
            text: {fi: Koulutuksen arvio, sv: Utbildningens betyg, en: Training rating}
            kind: rating
            target: {min: 4}
            owners: [UEN00001]
          - id: events-held
            text: {fi: Tapahtumia pidetty, sv: Evenemang hållna, en: Events held}
            kind: count_range
            target: {min: 3, max: 4}
            owners: [UEN00001]
          - id: visitors
            text: {fi: Kävijämäärä, sv: Antal besökare, en: Number of visitors}
            kind: monitored
            owners: [UEN00001]
          - id: advocacy-review
            text: {fi: Yhteistyö arvioitu, sv: Samarbetet utvärderat, en: Cooperation reviewed}
            kind: yearly_review
            owners: [UEN00001]
          - id: meetings-held
            text: {fi: Kokouksia pidetty, sv: Möten hållna, en: Meetings held}
            kind: count_range
            target: {min: 3, max: 4}
            computed: network_meetings
"""


def use_every_kind_plan(bot: RunningBot) -> None:
    """Import and activate the small plan that has one indicator of every kind, with owners."""
    with bot.runtime.db.session() as session:
        import_plan(session, parse_plan(EVERY_KIND, "every-kind.yaml"), "every-kind.yaml", actor="test")
        activate(session, "every-kind", actor="test")


def move_report_2024(bot: RunningBot, due: dt.date) -> None:
    """Re-import the bundled 2023–2025 plan with the 2024 report due on another day (as a coordinator
    would after correcting the file); confirmations stay, the deadline is data."""
    plan = load_plan_file(BUNDLED / "sotepe-2023-2025.yaml")
    deadline = ReportingDeadline(
        id="report-2024",
        title=Text(fi="Vuosiraportti 2024", sv="Årsrapport 2024", en="Yearly report 2024"),
        covers=Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)),
        due=due,
    )
    others = tuple(d for d in plan.reporting_deadlines if d.id != "report-2024")
    moved = plan.model_copy(update={"reporting_deadlines": (deadline, *others)})
    with bot.runtime.db.session() as session:
        import_plan(session, moved, "sotepe-2023-2025.yaml", actor="test")
