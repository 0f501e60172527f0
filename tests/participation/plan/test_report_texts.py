"""The report's own texts in a plan file: optional, trilingual, and links only to https addresses."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from participation.plan.files import BUNDLED, PlanFileError, load_plan_file, parse_plan

CURRENT = BUNDLED / "sotepe-2023-2025.yaml"


def _data() -> dict[str, object]:
    data = yaml.safe_load(CURRENT.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _parse(data: object) -> object:
    return parse_plan(yaml.safe_dump(data, allow_unicode=True), "edited.yaml")


def test_the_2023_2025_plan_holds_the_reports_introduction_closing_and_swedish_wording() -> None:
    plan = load_plan_file(CURRENT)
    assert [s.heading.fi for s in plan.introduction] == [
        "Toimialojen osallisuus osana kaupungin osallisuustyötä",
        "Helsingin osallisuuden periaatteet",
        "Osallisuuden toimeenpano ja työnjako",
        "Osallisuuden painopisteiden toteutuksen raportointi",
    ]
    assert len(plan.introduction[1].items) == 3  # the three principles
    assert [s.heading.sv for s in plan.closing] == ["Länkar och bilagor"]
    first, second, third = plan.priorities
    assert (first.title.sv, first.report_title.sv) == (  # type: ignore[union-attr]
        "Förstärkning av delaktighetsupplevelsen",
        "Förstärkt delaktighetsupplevelse",
    )
    assert second.report_title.sv == "Förstärkning av delaktighetskompetens och förståelse"  # type: ignore[union-attr]
    assert third.report_title is None  # the report words it as the plan does
    for priority in plan.priorities:
        assert priority.goal is not None and priority.goal.fi.count("\n") >= 1  # every paragraph kept
    texts = [s.heading for s in (*plan.introduction, *plan.closing)]
    texts += [
        t for s in (*plan.introduction, *plan.closing) for t in (*s.paragraphs, *(i.text for i in s.items))
    ]
    assert all(len({t.fi, t.sv, t.en}) == 3 for t in texts)


def test_the_reports_texts_are_optional() -> None:
    data = _data()
    for key in ("introduction", "closing"):
        del data[key]
    for priority in data["priorities"]:  # type: ignore[attr-defined]
        priority.pop("report_title", None)
        priority.pop("report_goal", None)
    plan = _parse(data)
    assert plan.introduction == () and plan.closing == ()  # type: ignore[attr-defined]


@settings(deadline=None, max_examples=40)  # a whole plan is validated each time
@given(
    st.text(max_size=40).filter(lambda url: not url.startswith("https://") or any(c.isspace() for c in url))
)
def test_a_link_that_is_not_https_is_refused(url: str) -> None:
    data = _data()
    data["closing"][0]["items"][0]["url"] = url  # type: ignore[index]
    with pytest.raises(PlanFileError) as refused:
        _parse(data)
    [(where, _why)] = refused.value.problems
    assert where == "closing[0].items[0].url"


def test_an_https_link_is_kept() -> None:
    data = _data()
    data["closing"][0]["items"][0]["url"] = "https://www.hel.fi/fi/paatoksenteko-ja-hallinto"  # type: ignore[index]
    plan = _parse(data)
    assert plan.closing[0].items[0].url == "https://www.hel.fi/fi/paatoksenteko-ja-hallinto"  # type: ignore[attr-defined]
