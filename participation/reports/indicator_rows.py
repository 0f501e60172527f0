"""The priorities' measures and indicator rows, each year's value with the confirmation behind it.

What the status view does not carry (the evidence, who confirmed and when, the comments, each network's
verdict) is read here; an indicator with no confirmation is "not reported".
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from participation.dashboard import IndicatorView, StatusView, localized
from participation.i18n import number_text
from participation.meetings.indicators import held_per_network
from participation.meetings.texts import network_name
from participation.plan.progress import State, latest_confirmations
from participation.plan.schema import Computation, IndicatorKind
from participation.polls.indicators import satisfaction_progress
from participation.reports.model import IndicatorRow, MeasureRow, Names, PriorityPart, Realisation
from participation.reports.plan_texts import Wording
from participation.reports.texts import Labels
from participation.storage.models import IndicatorComment, IndicatorRecord, PlanRecord


class Sources:
    """What the status view does not carry: the confirmation behind each value and the comments."""

    def __init__(
        self,
        session: Session,
        plan: PlanRecord,
        years: tuple[int, ...],
        now: dt.datetime,
        zone: dt.tzinfo,
        language: str,
        names: Names,
    ) -> None:
        self.session, self.years, self.now, self.zone = session, years, now, zone
        self.language, self.names = language, names
        records = session.scalars(select(IndicatorRecord).where(IndicatorRecord.plan_id == plan.id))
        self.ids = {record.key: record for record in records}
        self.priorities = {priority.key: priority for priority in plan.priorities}
        self.confirmations = {year: latest_confirmations(session, plan.id, year) for year in years}
        self.comments = self._comments(plan)
        self._name_cache: dict[str, str] = {}

    def _comments(self, plan: PlanRecord) -> dict[tuple[int, int], str]:
        rows = self.session.scalars(
            select(IndicatorComment)
            .join(IndicatorRecord)
            .where(IndicatorRecord.plan_id == plan.id, IndicatorComment.year.in_(self.years))
            .order_by(IndicatorComment.id)
        )
        return {(row.indicator_id, row.year): row.text for row in rows}  # the newest wins

    def name(self, user_id: str) -> str:
        if user_id not in self._name_cache:
            self._name_cache[user_id] = self.names(user_id)
        return self._name_cache[user_id]

    def priority(
        self, number: int, views: dict[int, StatusView], text: Labels, wording: Wording
    ) -> PriorityPart:
        first = next(p for p in views[self.years[0]].priorities if p.number == number)
        by_year = {
            year: {i.id: i for p in view.priorities for m in p.measures for i in m.indicators}
            for year, view in views.items()
        }
        measures = tuple(
            MeasureRow(
                id=m.id,
                scope=m.scope,
                title=m.title,
                indicators=tuple(self.indicator(i, by_year, text) for i in m.indicators),
            )
            for m in first.measures
        )
        record = self.priorities.get(first.id)
        goal = localized(record.goal, self.language) if record is not None and record.goal else ""
        title, goal = wording.get(first.id, (first.title, goal))
        return PriorityPart(
            number=first.number,
            id=first.id,
            title=title,
            goal=goal,
            division=tuple(m for m in measures if m.scope == "division"),
            city=tuple(m for m in measures if m.scope != "division"),
        )

    def indicator(
        self, first: IndicatorView, by_year: dict[int, dict[str, IndicatorView]], text: Labels
    ) -> IndicatorRow:
        record = self.ids[first.id]
        return IndicatorRow(
            id=first.id,
            text=first.text,
            kind=text.kinds.get(first.kind, first.kind),
            target=_target(first, text, self.language),
            computed=bool(first.computed),
            owners=tuple(self.name(owner) for owner in first.owners),
            realisations=tuple(
                self.realisation(record, by_year[year].get(first.id, first), year, text)
                for year in self.years
            ),
        )

    def realisation(
        self, record: IndicatorRecord, view: IndicatorView, year: int, text: Labels
    ) -> Realisation:
        view = self._satisfaction_fallback(record, view, year)
        if view.state != State.CONFIRMED:
            return Realisation(year=year, reported=False, display=text.not_reported, met=None)
        confirmation = self.confirmations[year].get(record.id)
        note = self.comments.get((record.id, year))
        if confirmation is not None and confirmation.value_text and confirmation.value_text != view.display:
            note = confirmation.value_text
        return Realisation(
            year=year,
            reported=True,
            display=_capital(view.display),
            met=view.met,
            verdicts=self._verdicts(record, year),
            note=note,
            evidence=confirmation.evidence if confirmation else None,
            evidence_url=confirmation.evidence_url if confirmation else None,
            confirmed_by=self.name(confirmation.confirmed_by) if confirmation else None,
            confirmed_on=confirmation.confirmed_at.astimezone(self.zone).date() if confirmation else None,
        )

    def _verdicts(self, record: IndicatorRecord, year: int) -> tuple[tuple[str, bool], ...]:
        """Each network's count of meetings held, judged against the indicator's target on its own."""
        if record.computed != Computation.NETWORK_MEETINGS:
            return ()
        low, high = record.target_min, record.target_max
        counts = held_per_network(self.session, year, self.now, self.zone)
        return tuple(
            (
                f"{network_name(network, self.language)} {count}",
                (low is None or count >= low) and (high is None or count <= high),
            )
            for network, count in counts.items()
        )

    def _satisfaction_fallback(
        self, record: IndicatorRecord, view: IndicatorView, year: int
    ) -> IndicatorView:
        """The polls' own figure for a satisfaction indicator the status does not compute (yet)."""
        kinds = {Computation.NETWORK_SATISFACTION: "meeting", Computation.TRAINING_SATISFACTION: "training"}
        kind = kinds.get(Computation(record.computed)) if record.computed else None
        if view.state == State.CONFIRMED or kind is None:
            return view
        progress = satisfaction_progress(
            self.session, year, kind, self.now, self.zone, self.language, record.target_min
        )
        if progress.state != State.CONFIRMED or not isinstance(progress.value, float):
            return view
        return view.model_copy(
            update={
                "state": progress.state,
                "value": progress.value,
                "display": number_text(progress.value, self.language),
                "met": progress.met,
            }
        )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _target(view: IndicatorView, text: Labels, language: str) -> str:
    target = view.target
    if target is None or target.min is None:
        return ""
    percent = " %" if view.kind == IndicatorKind.PERCENTAGE else ""
    low = number_text(target.min, language) + percent
    if target.max is not None:
        high = number_text(target.max, language) + percent
        return text.target_range.format(low=low, high=high)
    return text.target_at_least.format(value=low)
