"""The bundled plans are complete and trilingual; a bad plan file is refused with file, field and reason."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from participation.plan.files import BUNDLED, PlanFileError, load_plan_file, parse_plan
from participation.plan.schema import Computation, IndicatorKind, PlanStatus, Scope

CURRENT = BUNDLED / "sotepe-2023-2025.yaml"
NEXT = BUNDLED / "sotepe-2026-2029.yaml"


def test_the_2023_2025_plan_has_every_priority_measure_and_indicator() -> None:
    plan = load_plan_file(CURRENT)
    assert plan.status == PlanStatus.APPROVED
    assert (plan.period.start.isoformat(), plan.period.end.isoformat()) == ("2023-10-24", "2025-12-31")
    assert [p.number for p in plan.priorities] == [1, 2, 3]
    for priority in plan.priorities:
        scopes = {m.scope for m in priority.measures}
        assert scopes == {Scope.CITY, Scope.DIVISION}, priority.id
    indicators = plan.indicators()
    assert len(indicators) == 36
    assert {i.kind for _, _, i in indicators} == set(IndicatorKind)
    by_id = {i.id: i for _, _, i in indicators}
    assert by_id["feedback-processed-5-days"].target.min == 70  # type: ignore[union-attr]
    meetings = by_id["network-meetings"]
    assert (meetings.target.min, meetings.target.max) == (3, 4)  # type: ignore[union-attr]
    assert meetings.computed == Computation.NETWORK_MEETINGS
    assert by_id["network-satisfaction"].target.min == 4  # type: ignore[union-attr]
    assert by_id["training-satisfaction"].computed == Computation.TRAINING_SATISFACTION
    assert plan.reporting_deadlines and plan.laws and plan.decision is not None


@pytest.mark.parametrize("path", [CURRENT, NEXT], ids=lambda p: p.name)
def test_every_text_exists_in_finnish_swedish_and_english(path: Path) -> None:
    plan = load_plan_file(path)
    texts = [plan.title, plan.organisation, *plan.laws]
    for priority in plan.priorities:
        texts.append(priority.title)
        for measure in priority.measures:
            texts += [measure.title] + [i.text for i in measure.indicators]
    for text in texts:
        assert text.fi.strip() and text.sv.strip() and text.en.strip()
        assert len({text.fi, text.sv, text.en}) == 3, f"not translated: {text.en}"


def test_ids_are_unique_across_the_plan() -> None:
    plan = load_plan_file(CURRENT)
    ids = [p.id for p in plan.priorities] + [m.id for p in plan.priorities for m in p.measures]
    ids += [i.id for _, _, i in plan.indicators()]
    assert len(ids) == len(set(ids))


def test_the_2026_2029_plan_is_a_draft_with_three_priorities() -> None:
    plan = load_plan_file(NEXT)
    assert plan.status == PlanStatus.DRAFT
    assert len(plan.priorities) == 3


def _valid() -> dict[str, object]:
    data = yaml.safe_load(CURRENT.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _refusal(data: object, file: str = "edited.yaml") -> PlanFileError:
    with pytest.raises(PlanFileError) as caught:
        parse_plan(yaml.safe_dump(data, allow_unicode=True), file)
    return caught.value


def test_a_missing_translation_names_the_file_and_the_field() -> None:
    data = _valid()
    del data["priorities"][0]["measures"][1]["indicators"][0]["text"]["sv"]  # type: ignore[index]
    error = _refusal(data)
    assert str(error) == "edited.yaml: priorities[0].measures[1].indicators[0].text.sv: Field required"


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (lambda i: i.update(kind="thermometer"), "kind", "Input should be"),
        (lambda i: i.update(kind="percentage", target={"min": 140}), "", "outside 0–100"),
        (lambda i: i.update(kind="rating", target={"min": 7}), "", "outside 1–5"),
        (lambda i: i.update(kind="count_range", target={"min": 3}), "", "needs target.max"),
        (lambda i: i.update(kind="yes_no", target={"min": 1}), "", "takes no target"),
        (lambda i: i.update(id="Not A Slug"), "id", "String should match pattern"),
        (lambda i: i.update(colour="red"), "colour", "Extra inputs are not permitted"),
    ],
)
def test_bad_indicators_are_refused(change: object, field: str, reason: str) -> None:
    data = _valid()
    indicator = data["priorities"][1]["measures"][0]["indicators"][0]  # type: ignore[index]
    change(indicator)  # type: ignore[operator]
    [(where, why)] = _refusal(data).problems
    assert where == "priorities[1].measures[0].indicators[0]" + (f".{field}" if field else "")
    assert reason in why


def test_a_duplicate_id_is_refused() -> None:
    data = _valid()
    first = data["priorities"][0]["measures"][0]["indicators"][0]  # type: ignore[index]
    data["priorities"][2]["measures"][0]["indicators"][0]["id"] = first["id"]  # type: ignore[index]
    assert f"id {first['id']!r} is used twice" in str(_refusal(data))


def test_a_deadline_outside_the_period_is_refused() -> None:
    data = _valid()
    data["reporting_deadlines"][0]["covers"]["start"] = "2019-01-01"  # type: ignore[index]
    assert "outside the plan's period" in str(_refusal(data))


def test_malformed_yaml_names_the_line() -> None:
    with pytest.raises(PlanFileError) as caught:
        parse_plan("id: x\npriorities: [\n  - broken: {", "broken.yaml")
    assert str(caught.value).startswith("broken.yaml: line ")
    assert "not valid YAML" in str(caught.value)


def test_a_key_written_twice_is_refused() -> None:
    with pytest.raises(PlanFileError, match="key 'id' appears twice"):
        parse_plan("id: a\nid: b\n", "twice.yaml")


def test_a_file_that_is_not_a_mapping_or_not_there() -> None:
    with pytest.raises(PlanFileError, match=r"must be a mapping"):
        parse_plan("- just\n- a list\n", "list.yaml")
    with pytest.raises(PlanFileError, match=r"missing.yaml: \(file\): cannot be read"):
        load_plan_file(Path("missing.yaml"))
