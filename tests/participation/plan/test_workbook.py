"""The plan workbook: exported and imported back unchanged, edited by a coordinator, and refused whole
with every problem named when it is wrong."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from participation.i18n import translator
from participation.plan.changes import plan_changes
from participation.plan.export import plan_file, plan_yaml, stored_plan
from participation.plan.files import bundled_plan_files, load_plan_file, parse_plan
from participation.plan.importer import import_plan
from participation.plan.schema import Plan, Text
from participation.plan.workbook import export_workbook
from participation.plan.workbook_read import MAX_BYTES, WorkbookError, read_workbook
from participation.storage.db import Database
from participation.storage.models import AuditEntry, Confirmation, IndicatorRecord, PlanRecord

EN = translator("en")
CURRENT = "sotepe-2023-2025"


def _tree(db: Database, plan_id: str) -> list[tuple[Any, ...]]:
    with db.session() as session:
        rows = session.scalars(select(IndicatorRecord).where(IndicatorRecord.plan_id == plan_id)).all()
        record = session.get(PlanRecord, plan_id)
        assert record is not None
        return [
            (record.document, record.status, record.active),
            *sorted(
                (r.key, r.text, r.kind, r.target_min, r.target_max, r.retired, r.measure_id) for r in rows
            ),
        ]


@pytest.mark.parametrize("path", bundled_plan_files(), ids=lambda p: p.stem)
@pytest.mark.parametrize("output", ["xlsx", "yaml"])
def test_exporting_and_importing_unchanged_changes_nothing(db: Database, path: Any, output: str) -> None:
    plan_id = load_plan_file(path).id
    before = _tree(db, plan_id)
    with db.session() as session:
        stored = stored_plan(session, plan_id)
        assert stored is not None
    name, content = plan_file(stored, output)
    back = read_workbook(content, EN) if output == "xlsx" else parse_plan(content.decode(), name)
    assert back == stored
    with db.session() as session:
        assert plan_changes(session, back).nothing
        import_plan(session, back, name, actor="UCOORD01")
    assert _tree(db, plan_id) == before


def _sheet_rows(book: Any, name: str) -> tuple[list[str], Any]:
    sheet = book[name]
    return [c.value for c in sheet[1]], sheet


def _edit(content: bytes, change: Any) -> bytes:
    book = load_workbook(io.BytesIO(content))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _find_row(sheet: Any, key: str) -> int:
    return next(row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value == key)


def _current_workbook(db: Database) -> bytes:
    with db.session() as session:
        stored = stored_plan(session, CURRENT)
        assert stored is not None
        return export_workbook(stored)


def test_an_edited_workbook_updates_texts_adds_and_retires_and_keeps_confirmations(db: Database) -> None:
    with db.session() as session:
        kept = session.scalars(select(IndicatorRecord).where(IndicatorRecord.key == "survey-realised")).one()
        session.add(Confirmation(indicator_id=kept.id, year=2024, value_bool=True, confirmed_by="UFI00001"))
        dropped = session.scalars(
            select(IndicatorRecord).where(
                IndicatorRecord.key == "network-meetings", IndicatorRecord.plan_id == CURRENT
            )
        ).one()
        session.add(Confirmation(indicator_id=dropped.id, year=2024, value_number=3, confirmed_by="UFI00001"))

    def change(book: Any) -> None:
        header, sheet = _sheet_rows(book, "Indicators")
        row = _find_row(sheet, "survey-realised")
        sheet.cell(row=row, column=header.index("text.sv") + 1, value="Enkäten har genomförts")
        gone = _find_row(sheet, "network-meetings")
        sheet.delete_rows(gone)
        new = sheet.max_row + 1
        values = {
            "id": "new-survey",
            "measure": "competence-division-networks",
            "kind": "percentage",
            "text.fi": "Uusi",
            "text.sv": "Ny",
            "text.en": "New",
            "target.min": 80,
        }
        for key, value in values.items():
            sheet.cell(row=new, column=header.index(key) + 1, value=value)

    plan = read_workbook(_edit(_current_workbook(db), change), EN)
    with db.session() as session:
        changes = plan_changes(session, plan)
        assert (changes.added, changes.changed, changes.retired) == (
            ["new-survey"],
            ["survey-realised"],
            ["network-meetings"],
        )
        import_plan(session, plan, "edited.xlsx", actor="UCOORD01")
    with db.session() as session:
        survey = session.scalars(
            select(IndicatorRecord).where(IndicatorRecord.key == "survey-realised")
        ).one()
        assert survey.text["sv"] == "Enkäten har genomförts" and len(survey.confirmations) == 1
        gone = session.scalars(
            select(IndicatorRecord).where(
                IndicatorRecord.key == "network-meetings", IndicatorRecord.plan_id == CURRENT
            )
        ).one()
        assert gone.retired and len(gone.confirmations) == 1
        new = session.scalars(select(IndicatorRecord).where(IndicatorRecord.key == "new-survey")).one()
        assert (new.kind, new.target_min, new.retired) == ("percentage", 80, False)
        assert (
            session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.actor == "UCOORD01"))
            == 1
        )


def _refused(content: bytes, language: str = "en") -> list[str]:
    with pytest.raises(WorkbookError) as refused:
        read_workbook(content, translator(language))
    return refused.value.lines


def _plan() -> Plan:
    return load_plan_file(bundled_plan_files()[0])


def _set(sheet_name: str, key: str, column: str, value: Any) -> Any:
    def change(book: Any) -> None:
        header, sheet = _sheet_rows(book, sheet_name)
        sheet.cell(row=_find_row(sheet, key), column=header.index(column) + 1).value = value

    return change


def test_each_bad_input_is_named_by_sheet_row_and_column() -> None:
    good = export_workbook(_plan())
    row = _find_row(load_workbook(io.BytesIO(good))["Indicators"], "survey-realised")
    cases = {
        "Sheet Measures: The sheet is missing.": lambda b: b.remove(b["Measures"]),
        "Sheet Indicators, row 1, column kind: The column is missing.": lambda b: b["Indicators"].delete_cols(
            _sheet_rows(b, "Indicators")[0].index("kind") + 1
        ),
        f"Sheet Indicators, row {row}, column kind: Unknown value “score”": _set(
            "Indicators", "survey-realised", "kind", "score"
        ),
        f"Sheet Indicators, row {row}, column measure: There is no “nowhere” on the Measures sheet.": _set(
            "Indicators", "survey-realised", "measure", "nowhere"
        ),
        f"Sheet Indicators, row {row}, column text.fi: The Finnish text is empty.": _set(
            "Indicators", "survey-realised", "text.fi", None
        ),
        f"Sheet Indicators, row {row}, column id: The id “network-meetings” is used twice": _set(
            "Indicators", "survey-realised", "id", "network-meetings"
        ),
    }
    for expected, change in cases.items():
        lines = _refused(_edit(good, change))
        assert any(line.startswith(expected) for line in lines), (expected, lines)


def test_a_percentage_target_over_100_is_refused_in_the_readers_language() -> None:
    good = export_workbook(_plan())
    percentage = next(i for _p, _m, i in _plan().indicators() if i.kind == "percentage")
    [line] = _refused(_edit(good, _set("Indicators", percentage.id, "target.min", 120)), "fi")
    assert "target.min" in line and "Indicators" in line and "100" in line


def test_a_file_that_is_not_a_workbook_or_too_large_is_refused() -> None:
    assert _refused(b"id: plan\nstatus: draft\n") == ["This file is not an Excel workbook (.xlsx)."]
    [line] = _refused(b"x" * (MAX_BYTES + 1))
    assert "too large" in line


_TEXT = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ue000\ue001\ue002")
        | st.sampled_from("\n=+-@'"),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=40, deadline=None)
@given(fi=_TEXT, sv=_TEXT, en=_TEXT)
def test_free_text_cells_come_back_as_typed_and_never_as_formulas(fi: str, sv: str, en: str) -> None:
    plan = _plan()
    first = plan.priorities[0]
    edited = plan.model_copy(
        update={
            "priorities": (
                first.model_copy(update={"title": Text(fi=fi, sv=sv, en=en)}),
                *plan.priorities[1:],
            )
        }
    )
    content = export_workbook(edited)
    sheet = load_workbook(io.BytesIO(content))["Priorities"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert read_workbook(content, EN).priorities[0].title == Text(fi=fi, sv=sv, en=en)


def test_yaml_export_reads_back_the_same() -> None:
    for path in bundled_plan_files():
        plan = load_plan_file(path)
        assert parse_plan(plan_yaml(plan), "x.yaml") == plan


def test_the_workbook_offers_kinds_and_scopes_as_lists_and_marks_the_ids() -> None:
    book = load_workbook(io.BytesIO(export_workbook(_plan())))
    header, sheet = _sheet_rows(book, "Indicators")
    formulas = [rule.formula1 for rule in sheet.data_validations.dataValidation]
    assert any("yes_no" in f and "percentage" in f for f in formulas)
    assert header[0] == "id" and sheet["A1"].comment is not None
    measures = book["Measures"]
    assert any(
        "division" in r.formula1 and "city" in r.formula1 for r in measures.data_validations.dataValidation
    )
    assert isinstance(Workbook, type)


@pytest.mark.parametrize(
    ("language", "outside", "too_high"),
    [
        ("fi", "Tavoite 7 ei ole välillä 1–5.", "sarake number: Enintään 20."),
        ("sv", "Målet 7 ligger utanför 1–5.", "kolumn number: Högst 20."),
        ("en", "The target 7 is outside 1–5.", "column number: At most 20."),
    ],
)
def test_schema_refusals_are_worded_in_the_readers_language(
    language: str, outside: str, too_high: str
) -> None:
    good = export_workbook(_plan())
    rating = next(i for _p, _m, i in _plan().indicators() if i.kind == "rating")
    [line] = _refused(_edit(good, _set("Indicators", rating.id, "target.min", 7)), language)
    assert line.endswith(outside) and "Input should" not in line
    first = _plan().priorities[0].id
    [line] = _refused(_edit(good, _set("Priorities", first, "number", 25)), language)
    assert line.endswith(too_high) and "Input should" not in line
