"""The `confirm` form in its two steps: which indicator (owners see their own first), then the year, the
value in the form its kind needs and the evidence; each step checked before the form is answered."""

from __future__ import annotations

from sqlalchemy.orm import Session

from commands.confirm_record import confirm_now
from commands.context import Invocation
from commands.ids import CHOOSE_FORM, VALUE_FORM
from participation import numbers
from participation.confirmations.lookup import NotFound, indicators_of, plan_or_refuse, plan_years
from participation.confirmations.roles import is_owner
from participation.confirmations.service import (
    EVIDENCE_MAX,
    Draft,
    Refused,
    allowed_indicator,
    check,
)
from participation.confirmations.values import COMMENT_MAX
from participation.dashboard import localized
from participation.deadlines.calendar import focus_year
from participation.i18n import Gettext, number_text
from participation.messages import Field, Form, Options, Reply, Submission, notice
from participation.plan.schema import IndicatorKind
from participation.storage.models import IndicatorRecord, PlanRecord

# --- step 1: which indicator -------------------------------------------------------------------------


def choose(invocation: Invocation) -> Reply:
    _ = invocation._
    with invocation.db.session() as session:
        try:
            plan = plan_or_refuse(session, _)
        except NotFound as error:
            return notice(str(error), error=True)
        groups = indicator_groups(session, plan, invocation)
    if not groups:
        return notice(
            _(
                "You have no indicators to confirm. A coordinator names the owners with "
                "`/osallisuus owner <indicator> @person`; `/osallisuus status` shows the plan."
            ),
            error=True,
        )
    return Reply(form=choose_form(invocation, groups))


def choose_form(invocation: Invocation, groups: tuple[tuple[str, Options], ...]) -> Form:
    _ = invocation._
    return Form(
        callback_id=CHOOSE_FORM,
        title=_("Confirm an indicator"),
        submit=_("Next"),
        fields=(Field("indicator", _("Indicator"), "select", groups=groups),),
    )


def indicator_groups(
    session: Session, plan: PlanRecord, invocation: Invocation
) -> tuple[tuple[str, Options], ...]:
    """The indicators this person may confirm, grouped by priority and measure; their own groups first,
    marked ★. Coordinators see every indicator; an owner sees their own."""
    language = invocation.language
    own: dict[str, list[tuple[str, str]]] = {}
    others: dict[str, list[tuple[str, str]]] = {}
    for indicator in indicators_of(session, plan):
        if indicator.computed:
            continue
        mine = is_owner(invocation.user_id, indicator)
        if not (mine or invocation.is_coordinator):
            continue
        measure = indicator.measure
        label = f"{measure.priority.number}. {localized(measure.title, language)}"
        target = own if mine else others
        target.setdefault(("★ " if mine else "") + label, []).append(
            (indicator.key, localized(indicator.text, language))
        )
    return tuple((label, tuple(options)) for label, options in (*own.items(), *others.items()))


def submit_choose(invocation: Invocation, values: dict[str, str], metadata: str) -> Submission:
    """The indicator is checked before the form is answered; the second step is built after, in the
    same modal (`next_step`), as `open_form` builds it for a button."""
    _ = invocation._
    with invocation.db.session() as session:
        try:
            plan = plan_or_refuse(session, _)
            indicator = allowed_indicator(
                session, plan, values.get("indicator", ""), invocation.user_id, invocation.is_coordinator, _
            )
        except NotFound as error:
            return Submission(errors={"indicator": str(error)})
        except Refused as refused:
            return Submission(errors={"indicator": "\n".join(refused.errors.values())})
        key = indicator.key
    return Submission(then=lambda: open_form(invocation, key, None), next_step=True)


# --- step 2: the year, the value and the evidence ----------------------------------------------------


def open_form(invocation: Invocation, key: str, year: str | None) -> Reply:
    """The value form for one indicator, if this person may confirm it; else why not."""
    _ = invocation._
    with invocation.db.session() as session:
        try:
            plan = plan_or_refuse(session, _)
            indicator = allowed_indicator(
                session, plan, key, invocation.user_id, invocation.is_coordinator, _
            )
        except NotFound as error:
            return notice(str(error), error=True)
        except Refused as refused:
            return notice("\n".join(refused.errors.values()), error=True)
        typed = numbers.year(year or "")
        chosen = typed if typed in plan_years(plan) else None
        return Reply(
            form=value_form(invocation, plan, indicator, chosen or focus_year(plan, invocation.today()))
        )


def value_form(invocation: Invocation, plan: PlanRecord, indicator: IndicatorRecord, year: int) -> Form:
    _ = invocation._
    years = tuple((str(y), str(y)) for y in plan_years(plan))
    evidence_hint = _("What shows the outcome: a document, a decision, a web page, a meeting's minutes.")
    if indicator.evidence_required:
        evidence_hint = _("The plan asks for evidence for this indicator.") + " " + evidence_hint
    return Form(
        callback_id=VALUE_FORM,
        title=_("Confirm an indicator"),
        submit=_("Confirm"),
        intro=_intro(invocation, indicator),
        metadata=indicator.key,
        fields=(
            Field("year", _("Reporting year"), "select", initial=str(year), options=years),
            *value_fields(indicator, invocation.language, _),
            Field(
                "evidence",
                _("Evidence"),
                "textarea",
                optional=not indicator.evidence_required,
                max_length=EVIDENCE_MAX,
                hint=evidence_hint,
            ),
            Field("link", _("Link to the evidence"), "url", optional=True),
        ),
    )


def value_fields(indicator: IndicatorRecord, language: str, _: Gettext) -> tuple[Field, ...]:
    """The inputs an indicator's kind needs; every value arrives as text and is checked on submission."""
    kind, low = indicator.kind, indicator.target_min
    target = number_text(low, language) if low is not None else None
    if kind == IndicatorKind.YES_NO:
        return (Field("value", _("Outcome"), "select", options=(("yes", _("Yes")), ("no", _("No")))),)
    if kind == IndicatorKind.YEARLY_REVIEW:
        options = (("yes", _("Yes, reviewed")), ("no", _("No, not reviewed")))
        return (
            Field("value", _("Reviewed this year?"), "select", options=options),
            Field("comment", _("What the review found"), "textarea", optional=True, max_length=COMMENT_MAX),
        )
    if kind == IndicatorKind.PERCENTAGE:
        hint = _("From 0 to 100.") + (
            " " + _("Target: at least {target}.").format(target=target) if target else ""
        )
        return (Field("value", _("Percentage"), "number", minimum=0, maximum=100, decimals=True, hint=hint),)
    if kind == IndicatorKind.RATING:
        hint = _("From 1 to 5.") + (
            " " + _("Target: at least {target}.").format(target=target) if target else ""
        )
        return (Field("value", _("Rating"), "number", minimum=1, maximum=5, decimals=True, hint=hint),)
    if kind == IndicatorKind.COUNT_RANGE:
        return (Field("value", _("Count"), "number", minimum=0),)
    return (
        Field("value", _("Figure"), "number", decimals=True),
        Field("comment", _("Comment on the figure"), "textarea", optional=True, max_length=COMMENT_MAX),
    )


def _intro(invocation: Invocation, indicator: IndicatorRecord) -> str:
    language = invocation.language
    measure = indicator.measure
    return (
        f"*{localized(indicator.text, language)}*\n"
        f"{measure.priority.number}. {localized(measure.title, language)} · `{indicator.key}`"
    )


_FIELDS = {"indicator": "value", "year": "year", "value": "value", "comment": "comment"}


def submit_value(invocation: Invocation, values: dict[str, str], metadata: str) -> Submission:
    draft = Draft(
        indicator=metadata,
        year=values.get("year", ""),
        value=values.get("value", ""),
        comment=values.get("comment", ""),
        evidence=values.get("evidence", ""),
        link=values.get("link", ""),
        language=invocation.language,
    )
    _ = invocation._
    with invocation.db.session() as session:
        try:
            plan = plan_or_refuse(session, _)
            check(session, plan, draft, invocation.user_id, invocation.is_coordinator, _)
        except NotFound as error:
            return Submission(errors={"value": str(error)})
        except Refused as refused:
            return Submission(
                errors={_FIELDS.get(field, field): text for field, text in refused.errors.items()}
            )
    # Recorded after the ack, checked again there: a refusal then is the outcome the person is told.
    return Submission(then=lambda: confirm_now(invocation, draft))
