"""Every column that looks like it holds a person is known to export and forget: a new one added to the
models without a line in participation/privacy/personal.py fails here."""

from __future__ import annotations

import re

from participation.privacy.personal import MENTIONING, NAMES, NOT_PERSONAL, PERSONAL
from participation.storage.models import Base

LOOKS_PERSONAL = re.compile(r"user|email|address|name|_by$|author|actor|owner|recipient|member|person")


def _covered() -> set[str]:
    covered = {f"{p.table}.{p.name}" for p in PERSONAL}
    covered |= {f"{model.__tablename__}.{name}" for model, names in MENTIONING.items() for name in names}
    covered |= {f"{column.class_.__tablename__}.{column.key}" for column in NAMES}
    return covered | NOT_PERSONAL


def test_every_column_that_looks_personal_is_exported_and_forgotten() -> None:
    looks = {
        f"{table.name}.{column.name}"
        for table in Base.metadata.tables.values()
        for column in table.columns
        if LOOKS_PERSONAL.search(column.name)
    }
    assert looks - _covered() == set()


def test_the_list_names_only_columns_that_exist() -> None:
    existing = {f"{t.name}.{c.name}" for t in Base.metadata.tables.values() for c in t.columns}
    assert _covered() - existing == set()


def test_no_poll_answer_is_ever_a_persons_data() -> None:
    assert not any(name.startswith("poll_answers.") for name in _covered())
