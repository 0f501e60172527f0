"""Plan files shared with the bot, waiting to be checked and imported.

A coordinator shares a workbook (or a YAML file) with the bot in a direct message; the bot keeps it here
under a random key, one per person (a newer file replaces an older one). `/osallisuus plan import` then
checks the latest and shows what it would change, and its confirm button carries only the key: the
import reads the stored file again, for the same person, once.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from participation.i18n import Gettext
from participation.plan.files import PlanFileError, parse_plan
from participation.plan.schema import Plan
from participation.plan.workbook_read import MAX_BYTES, WorkbookError, read_workbook
from participation.storage.models import PlanUpload

PLAN_SUFFIXES = (".xlsx", ".yaml", ".yml")
FRESH_FOR = dt.timedelta(days=1)  # an older file is not taken for the one meant


def is_plan_file(filename: str) -> bool:
    return filename.lower().endswith(PLAN_SUFFIXES)


def read_plan_upload(filename: str, content: bytes, _: Gettext) -> Plan:
    """The plan in a workbook or YAML file; WorkbookError with every problem, in the reader's language."""
    if not filename.lower().endswith((".yaml", ".yml")):
        return read_workbook(content, _)
    if len(content) > MAX_BYTES:
        raise WorkbookError(
            [
                _("The file is too large ({size:.1f} MB); the limit is {limit:.0f} MB.").format(
                    size=len(content) / 1024 / 1024, limit=MAX_BYTES / 1024 / 1024
                )
            ]
        )
    try:
        return parse_plan(content.decode("utf-8"), filename)
    except UnicodeDecodeError:
        raise WorkbookError([_("This file is not a plan file.")]) from None
    except PlanFileError as error:
        raise WorkbookError(str(error).splitlines()) from None


def store_upload(session: Session, user_id: str, filename: str, content: bytes, now: dt.datetime) -> str:
    session.execute(delete(PlanUpload).where(PlanUpload.slack_user_id == user_id))
    key = secrets.token_hex(16)
    session.add(
        PlanUpload(key=key, slack_user_id=user_id, filename=filename[:255], content=content, received_at=now)
    )
    return key


def latest_upload(session: Session, user_id: str, now: dt.datetime) -> PlanUpload | None:
    return session.scalar(
        select(PlanUpload)
        .where(
            PlanUpload.slack_user_id == user_id,
            PlanUpload.imported_at.is_(None),
            PlanUpload.received_at >= now - FRESH_FOR,
        )
        .order_by(PlanUpload.received_at.desc())
        .limit(1)
    )


def pending_upload(session: Session, key: str, user_id: str) -> PlanUpload | None:
    """The upload a confirm button names, if it is this person's and not imported yet."""
    upload = session.get(PlanUpload, key[:32])
    if upload is None or upload.slack_user_id != user_id or upload.imported_at is not None:
        return None
    return upload
