"""`report [year | plan] [fi | sv | en …] [docx | html | md | csv | xlsx …]`: the plan's follow-up report,
written from the bot's records and uploaded as files to the conversation where it was asked for.

Coordinators only. Several languages or formats may be given at once (`report 2025 fi sv`), and each
gets its file; the charts come along as pictures with the document formats. Every file is made before
any is queued, in one transaction, so a failure sends nothing rather than half a report.

The words and whether there is a report to make are checked at once; the files are made after Slack has
its answer (commands/working.py), which then says where they went.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from commands.context import Invocation
from commands.meeting import coordinators_only
from commands.parsing import ParseError
from commands.working import working
from participation import directory, numbers
from participation.i18n import LANGUAGES, Gettext
from participation.meetings.service import MeetingRefused, check_channel
from participation.messages import Reply, notice
from participation.outbox.items import Kind, enqueue
from participation.outbox.items import file as shared_file

if TYPE_CHECKING:
    # The report modules load at the first `report`, not with the app: a start does not need them.
    from participation.reports.model import Report
    from participation.reports.render import RenderedFile

# Files shared in one message: a request's files come together, as in Slack's own file picker, which
# takes ten at most (three languages in every format make 21 files, so such a request makes three).
FILES_PER_MESSAGE = 10


@dataclass(frozen=True)
class ReportArgs:
    year: int | None
    whole_plan: bool
    languages: tuple[str, ...]
    formats: tuple[str, ...]


def report(invocation: Invocation, args: list[str]) -> Reply:
    from participation.reports.assembly import check_request
    from participation.reports.model import ReportError, ReportRequest

    _ = invocation._
    if not invocation.is_coordinator:
        return coordinators_only(_)
    try:
        wanted = parse_args(args, invocation.language, _)
    except ParseError as error:
        return notice(f"{error}\n{usage(_)}", error=True)
    with invocation.db.session() as session:
        try:
            ask = ReportRequest(invocation.language, wanted.year, wanted.whole_plan)
            check_request(session, ask, invocation.now(), invocation.zone)
        except ReportError as error:
            return notice(str(error), error=True)
    return working(invocation, lambda: _make(invocation, wanted))


def _make(invocation: Invocation, wanted: ReportArgs) -> Reply:
    """The slow part: the reports, their files and charts, queued for upload in one transaction."""
    from participation.reports.assembly import build_report
    from participation.reports.model import ReportError, ReportRequest

    _ = invocation._
    with invocation.db.session() as session:
        names = directory_names(session)
        try:
            made = [
                build_report(
                    session,
                    ReportRequest(language, wanted.year, wanted.whole_plan),
                    invocation.now(),
                    invocation.zone,
                    names,
                )
                for language in wanted.languages
            ]
        except ReportError as error:
            return notice(str(error), error=True)
        files = [file for model in made for file in report_files(model, wanted.formats)]
        channel, in_place = destination(session, invocation)
        batch = uuid.uuid4().hex
        comment = _comment(made[0], wanted, _)
        for number, start in enumerate(range(0, len(files), FILES_PER_MESSAGE)):
            first, *more = files[start : start + FILES_PER_MESSAGE]  # one message shares them all
            payload = shared_file(
                channel,
                first.filename,
                first.content,
                first.title,
                comment if number == 0 else None,
                [(file.filename, file.content, file.title) for file in more],
            )
            key = f"report:{invocation.user_id}:{batch}:{number}"
            enqueue(session, key, Kind.FILE, payload, not_before=invocation.now())
    invocation.on_commit()
    names_of_files = ", ".join(f"`{file.filename}`" for file in files)
    if not in_place:
        return notice(
            _(
                "I am not a member of this channel, so the report comes to you as a direct message: {files}."
            ).format(files=names_of_files)
        )
    return notice(_("The report is on its way to this conversation: {files}.").format(files=names_of_files))


def destination(session: Session, invocation: Invocation) -> tuple[str, bool]:
    """Where the files go: the conversation the command came from if the bot can post files there, else
    the asker's direct messages; and whether that is the conversation asked from."""
    channel = invocation.channel_id
    if not channel:
        return invocation.user_id, False
    if channel.startswith("D"):
        return channel, True
    try:
        check_channel(session, channel, invocation.bot_user_id)
    except MeetingRefused:
        return invocation.user_id, False
    return channel, True


def report_files(model: Report, formats: tuple[str, ...]) -> list[RenderedFile]:
    """The report in each format asked for, then its charts when a document format was among them."""
    from participation.reports.render import DOCUMENTS, chart_files, charts_for, render

    charts = charts_for(model, formats)
    files = [render(model, charts, output) for output in formats]
    if any(output in DOCUMENTS for output in formats):
        files += chart_files(model, charts)
    return files


def usage(_: Gettext) -> str:
    return _(
        "Use: `/osallisuus report [year | plan] [fi | sv | en] [docx | html | md | csv | xlsx]`, for "
        "example `/osallisuus report 2025 fi sv` (the year's report in Finnish and Swedish, as Word "
        "files) or `/osallisuus report plan html` (the whole plan period)."
    )


def parse_args(args: list[str], language: str, _: Gettext) -> ReportArgs:
    from participation.reports.render import ALIASES, FORMATS

    year: int | None = None
    whole_plan = False
    languages: list[str] = []
    formats: list[str] = []
    for arg in args:
        word = arg.strip().lower().lstrip(".")
        word = ALIASES.get(word, word)
        if len(word) == 4 and year is None and numbers.year(word) is not None:
            year = numbers.year(word)
        elif word == "plan":
            whole_plan = True
        elif word in LANGUAGES:
            languages += [word] if word not in languages else []
        elif word in FORMATS:
            formats += [word] if word not in formats else []
        else:
            raise ParseError(_("I did not understand {arg!r}.").format(arg=arg))
    if year is not None and whole_plan:
        raise ParseError(_("Give either a year or `plan`, not both."))
    return ReportArgs(year, whole_plan, tuple(languages or [language]), tuple(formats or ["docx"]))


def _comment(model: Report, wanted: ReportArgs, _: Gettext) -> str:
    every = [
        r
        for p in model.priorities
        for m in (*p.division, *p.city)
        for i in m.indicators
        for r in i.realisations
    ]
    reported = sum(r.reported for r in every)
    return _(
        "The follow-up report {span} ({languages}): {reported}/{total} indicator results reported; what is "
        "missing is listed at the end. Read it through before it goes to the committee."
    ).format(
        span=model.span.replace("-", "–"),
        languages=", ".join(wanted.languages),
        reported=reported,
        total=len(every),
    )


def directory_names(session: Session) -> Callable[[str], str]:
    """People's names for the report, as the directory has them; anyone it does not know is shown by
    their Slack id."""
    known: dict[str, str] = {}

    def name(user_id: str) -> str:
        if user_id not in known:
            known[user_id] = directory.name_of(session, user_id) or user_id
        return known[user_id]

    return name
