"""The follow-up report of the fixture year (support.py) as a coordinator gets it: asked for in Slack,
uploaded as files through the outbox, and read back the way people and programs would read them."""

from __future__ import annotations

import csv
import io
import re
import struct
from typing import Any

import docx
import pytest
from matplotlib import image
from openpyxl import load_workbook
from sqlalchemy import func, select

from participation.storage.models import Confirmation, IndicatorRecord, OutboxItem
from tests.conftest import COORDINATOR
from tests.participation.reports.support import (
    CONFIRMED_2025,
    NOTE_2024,
    NOTE_CHILDREN,
    NOTE_DEVIATION,
    NOTE_EDITED,
    PLAN,
    Upload,
    build_year,
    messages,
    uploads,
)
from tests.support.clock import Clock
from tests.support.network import CHANNEL, deliver
from tests.support.running import RunningBot, texts

DM = "DCOORD001"
# The section headings in the body of the division's own reports, copied from seed 003 (Finnish) and
# seed 001 (Swedish); section 1 has no heading in the body of either, so it is the contents list's.
SEED_FI = [
    "1. Osallisuustyön ja -johtamisen rakenteet",
    "2. Kaupunkiyhteiset osallisuuden painopisteet 2023–2025",
    "3. Lasten ja nuorten osallisuuden edistäminen",
    "4. Vieraskielisten osallisuuden edistäminen",
    "5. Ikääntyneiden osallisuuden edistäminen",
    "6. Osallisuutta edistävä viestintä",
    "7. Osallisuuden edistämisen muut keskeiset toimenpiteet toimialalla",
    "8. Poikkeamat, ongelmat tai riskit",
    "9. Keskeiset tehtävät seuraavalla raportointikaudella",
]
SEED_SV = [
    "1. Strukturer för arbete med och ledning av delaktighet",
    "2. Stadsövergripande fokus för delaktighet 2023–2025",
    "3. Främjande av delaktighet bland barn och ungdomar",
    "4. Främjande av delaktighet bland dem som talar främmande språk",
    "5. Främjande av delaktighet bland den äldre befolkningen",
    "6. Kommunikation som främjar delaktighet",
    "7. Sektorns övriga centrala åtgärder för att främja delaktighet",
    "8. Avvikelser, problem och risker",
    "9. Centrala uppgifter under nästa rapporteringsperiod",
]
HEADERS = {
    "fi": ["Toimialan toimenpiteet", "Seurantamittarit", "Toteuma"],
    "sv": ["Sektorns åtgärder", "Indikatorer för uppföljning", "Utfall"],
    "en": ["The division's measures", "Follow-up indicators", "Realisation"],
}
NOT_REPORTED = {"fi": "ei raportoitu", "sv": "inte rapporterad", "en": "not reported"}
# What the realisation column must say for the fixture's confirmations, read off the rows in support.py.
EXPECTED = {
    "fi": {
        "website-content": "Kyllä",
        "feedback-all-service-areas": "Kyllä",
        "national-feedback-indicators": "Ei",
        "feedback-processed-5-days": "72,5 %",
        "website-analytics": "1\xa0250",
        "advocacy-cooperation": "Arvioitu",
        "network-meetings": "Osallisuusverkosto 3 · Asiakaskokemusverkosto 1",
        "network-satisfaction": "4,6",
    },
    "sv": {
        "website-content": "Ja",
        "feedback-all-service-areas": "Ja",
        "national-feedback-indicators": "Nej",
        "feedback-processed-5-days": "72,5 %",
        "website-analytics": "1\xa0250",
        "advocacy-cooperation": "Utvärderad",
        "network-meetings": "Delaktighetsnätverket 3 · Kundupplevelsenätverket 1",
        "network-satisfaction": "4,6",
    },
    "en": {
        "website-content": "Yes",
        "feedback-all-service-areas": "Yes",
        "national-feedback-indicators": "No",
        "feedback-processed-5-days": "72.5 %",
        "website-analytics": "1,250",
        "advocacy-cooperation": "Reviewed",
        "network-meetings": "Participation network 3 · Customer experience network 1",
        "network-satisfaction": "4.6",
    },
}
# The network meetings indicator in the DOCX: each network judged on its own against the 3–4 target.
VERDICTS = {
    "fi": "Osallisuusverkosto 3: Kyllä\nAsiakaskokemusverkosto 1: Ei",
    "sv": "Delaktighetsnätverket 3: Ja\nKundupplevelsenätverket 1: Nej",
    "en": "Participation network 3: Yes\nCustomer experience network 1: No",
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _ask(bot: RunningBot, text: str, user: str = COORDINATOR) -> str:
    return texts(bot.reply(user, text, channel_id=DM))


def _report_items(bot: RunningBot) -> int:
    with bot.runtime.db.session() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(OutboxItem).where(OutboxItem.key.like("report:%"))
            )
            or 0
        )


def _indicator_texts(bot: RunningBot, language: str) -> dict[str, str]:
    with bot.runtime.db.session() as session:
        rows = session.scalars(select(IndicatorRecord).where(IndicatorRecord.plan_id == PLAN))
        return {row.key: row.text[language] for row in rows if not row.retired}


def _realisations(document: Any) -> dict[str, str]:
    """Indicator text → the realisation cell, from every three-column table of the document."""
    found = {}
    for table in document.tables:
        if len(table.columns) != 3:
            continue
        for row in table.rows[1:]:
            indicator, realisation = row.cells[1].text.split("\n")[0], row.cells[2].text
            if realisation:  # empty for a measure the plan gives no indicator
                found[indicator] = realisation
    return found


def _by_name(files: list[Upload]) -> dict[str, Upload]:
    return {upload.filename: upload for upload in files}


def _check_png(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])  # IHDR comes first
    pixels = image.imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (height, width) and width > 500 and height > 300
    return width, height


def test_a_coordinator_gets_the_years_report_in_finnish_and_swedish_in_one_command(
    network_bot: RunningBot, clock: Clock
) -> None:
    build_year(network_bot, clock)
    answer = _ask(network_bot, "report 2025 fi sv")
    assert "osallisuusraportti-2025-fi.docx" in answer and "delaktighetsrapport-2025-sv.docx" in answer
    assert deliver(network_bot) == 1
    [message] = messages(network_bot)  # one message in Slack with every file of the request
    assert len(message) == 6
    files = _by_name(message)
    assert sorted(files) == [
        "delaktighetsrapport-2025-sv-moten-per-ar.png",
        "delaktighetsrapport-2025-sv-nojdhet-per-mote.png",
        "delaktighetsrapport-2025-sv.docx",
        "osallisuusraportti-2025-fi-tapaamiset-vuosittain.png",
        "osallisuusraportti-2025-fi-tyytyvaisyys-tapaamisittain.png",
        "osallisuusraportti-2025-fi.docx",
    ]
    assert {upload.channel for upload in files.values()} == {DM}
    first = files["osallisuusraportti-2025-fi.docx"]
    assert first.comment is not None and "8/36" in first.comment
    assert first.title.startswith(
        "Sosiaali-, terveys- ja pelastustoimialan osallisuussuunnitelman 2023–2025 raportointi"
    )

    finnish = docx.Document(io.BytesIO(first.content))
    headings = [p.text for p in finnish.paragraphs if p.style.name == "Heading 1"]
    assert headings[:1] == ["Raportin sisältö"] and headings[1:10] == SEED_FI
    assert headings[10:] == ["Verkostotapaamiset ja tyytyväisyys", "Puuttuvat tiedot", "Linkit ja liitteet"]
    lines = [p.text for p in finnish.paragraphs]
    contents = lines.index("Raportin sisältö")
    assert lines[contents + 1 : contents + 10] == SEED_FI
    body = "\n".join(p.text for p in finnish.paragraphs)
    assert "Raportointiaika: 1.1.2025–31.12.2025" in body
    assert (
        "Päätöksenteko: Sosiaali-, terveys- ja pelastuslautakunta hyväksyi osallisuussuunnitelman 24.10.2023."
        in body
    )
    assert "Perustuslaki (731/1999)" in body
    assert NOTE_CHILDREN in body and NOTE_DEVIATION in body and NOTE_EDITED in body
    assert NOTE_2024 not in body and "Seniori-info edisti" not in body  # another year; an edited text
    assert "Kysely toteutettu (survey-realised); vastuuhenkilöt: Emma Smith" in body
    assert len(finnish.inline_shapes) == 2

    swedish = docx.Document(io.BytesIO(files["delaktighetsrapport-2025-sv.docx"].content))
    assert [p.text for p in swedish.paragraphs if p.style.name == "Heading 1"][1:10] == SEED_SV
    assert swedish.paragraphs[0].text.startswith("Rapport över social-, hälsovårds- och räddningssektorns")
    assert [c.text for c in swedish.tables[0].rows[0].cells] == HEADERS["sv"]
    for name, upload in files.items():
        if name.endswith(".png"):
            _check_png(upload.content)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_docx_tables_hold_every_indicator_with_its_confirmed_value_or_not_reported(
    network_bot: RunningBot, clock: Clock, language: str
) -> None:
    build_year(network_bot, clock)
    _ask(network_bot, f"report 2025 {language} docx")
    deliver(network_bot)
    [report] = [u for u in uploads(network_bot) if u.filename.endswith(".docx")]
    document = docx.Document(io.BytesIO(report.content))
    assert [cell.text for cell in document.tables[0].rows[0].cells] == HEADERS[language]
    shown = _realisations(document)
    indicators = _indicator_texts(network_bot, language)
    assert set(shown) == set(indicators.values())
    for key, text in indicators.items():
        value = shown[text].split("\n")[0]
        if key == "network-meetings":
            assert shown[text] == VERDICTS[language]
        elif key in CONFIRMED_2025:
            assert value.replace("\xa0", " ") == EXPECTED[language][key].replace("\xa0", " "), key
        else:  # kept on one line in the narrow column
            assert value == NOT_REPORTED[language].replace(" ", "\xa0"), key
    evidence = shown[indicators["feedback-all-service-areas"]]
    assert "Palautetta kerätään kaikissa palvelukokonaisuuksissa" in evidence
    assert "https://example.org/palaute" in evidence


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_html_page_is_self_contained_with_its_charts_inside(
    network_bot: RunningBot, clock: Clock, language: str
) -> None:
    build_year(network_bot, clock)
    _ask(network_bot, f"report 2025 {language} html")
    deliver(network_bot)
    [page] = [u for u in uploads(network_bot) if u.filename.endswith(".html")]
    html = page.content.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and f'<html lang="{language}">' in html
    assert "<link" not in html and "<script" not in html and "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(?!data:)", html)
    sources = re.findall(r'src="([^"]*)"', html)
    assert len(sources) == 2 and all(src.startswith("data:image/png;base64,") for src in sources)
    links = re.findall(r'href="([^"]*)"', html)
    assert links == ["https://example.org/palaute"]  # the evidence link people gave, nothing else
    assert re.findall(r"<a [^>]*>", html) == ['<a href="https://example.org/palaute">']
    for heading in HEADERS[language]:
        assert f'<th scope="col">{heading.replace(chr(39), "&#x27;")}</th>' in html
    assert NOT_REPORTED[language] in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_csv_and_xlsx_rows_match_the_database(
    network_bot: RunningBot, clock: Clock, language: str
) -> None:
    build_year(network_bot, clock)
    _ask(network_bot, f"report 2025 {language} csv xlsx")
    assert deliver(network_bot) == 1  # one message; no charts with the table alone
    files = {u.filename.rsplit(".", 1)[1]: u.content for u in uploads(network_bot)}
    assert files["csv"].startswith(b"\xef\xbb\xbf")
    from_csv = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(files["xlsx"])).active
    from_xlsx = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert from_csv == from_xlsx
    header, rows = from_csv[0], from_csv[1:]
    assert len(header) == 15
    with network_bot.runtime.db.session() as session:
        indicators = list(session.scalars(select(IndicatorRecord).where(IndicatorRecord.plan_id == PLAN)))
        latest = {}
        for row in session.scalars(
            select(Confirmation).where(Confirmation.year == 2025).order_by(Confirmation.id)
        ):
            latest[row.indicator_id] = row
        keys = {i.id: i.key for i in indicators}
        expected = {keys[i]: c for i, c in latest.items()}
    ids = [row[4] for row in rows]
    assert sorted(ids) == sorted(i.key for i in indicators) and {row[0] for row in rows} == {"2025"}
    names = {"UFI00001": "Aino Virtanen", "USV00001": "Sven Lindqvist", "UEN00001": "Emma Smith"}
    names[COORDINATOR] = "Kaisa Koordinaattori"
    for row in rows:
        key = row[4]
        confirmation = expected.get(key)
        if confirmation is None:
            assert row[8] == (
                EXPECTED[language][key] if key in EXPECTED[language] else NOT_REPORTED[language]
            )
            assert row[13] == "" and row[14] == ""
            continue
        assert row[8] == EXPECTED[language][key]
        assert row[12] == (confirmation.evidence_url or "")
        assert row[11] == (confirmation.evidence or "")
        assert row[13] == names[confirmation.confirmed_by]
        assert row[14] == "2025-11-20"
    five = next(row for row in rows if row[4] == "feedback-processed-5-days")
    assert five[9] in {"Kyllä", "Ja", "Yes"} and five[7].endswith("70 %")


def test_the_markdown_report_and_the_whole_plan_report_speak_of_each_year(
    network_bot: RunningBot, clock: Clock
) -> None:
    build_year(network_bot, clock)
    _ask(network_bot, "report plan md en")
    deliver(network_bot)
    [report] = [u for u in uploads(network_bot) if u.filename.endswith(".md")]
    assert report.filename == "participation-report-2023-2025-en.md"
    text = report.content.decode("utf-8")
    assert text.startswith("# Report on the Participation Plan for 2023–2025")
    assert "Reporting period: 24.10.2023–31.12.2025" in text
    row = next(line for line in text.splitlines() if "| Survey realised" in line)
    assert "2023: not reported<br>2024: Yes" in row and "2025: not reported" in row
    assert f"- 2024: {NOTE_2024}" in text
    assert "- Participation network, 2025: meetings held 3 (target 3–4 a year)." in text
    assert "| 11.3.2025 | Participation network | Kevään verkosto | 4.6 | 5 |" in text
    assert "| 13.3.2025 | Customer experience network | Asiakaskokemus keväällä | _too few answers" in text
    assert "Peruttu tapaaminen" not in text  # cancelled, so not held
    assert "The charts are in the DOCX and HTML versions of this report." in text
    assert (
        "## What is missing" in text and "2025: Survey realised (survey-realised); owners: Emma Smith" in text
    )


def test_the_charts_are_posted_as_pictures_and_left_out_without_data(
    network_bot: RunningBot, clock: Clock
) -> None:
    build_year(network_bot, clock)
    _ask(network_bot, "report 2025 en html")
    deliver(network_bot)
    pictures = [u for u in uploads(network_bot) if u.filename.endswith(".png")]
    assert [p.filename for p in pictures] == [
        "participation-report-2025-en-satisfaction-per-meeting.png",
        "participation-report-2025-en-meetings-per-year.png",
    ]
    assert [p.title for p in pictures] == [
        "Satisfaction per network meeting 2025",
        "Network meetings held per year 2025",
    ]
    for picture in pictures:
        _check_png(picture.content)
    network_bot.standin.clear()
    _ask(network_bot, "report 2024 en docx")  # 2024 has a confirmation but no meetings or polls
    deliver(network_bot)
    assert [u.filename for u in uploads(network_bot)] == ["participation-report-2024-en.docx"]
    document = docx.Document(io.BytesIO(uploads(network_bot)[0].content))
    assert len(document.inline_shapes) == 0
    body = "\n".join(p.text for p in document.paragraphs)
    assert "The bot has no record of network meetings held in this period." in body


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("report 2027", "The year 2027 is outside the plan's period 24.10.2023–31.12.2025."),
        ("report 2022 en", "The year 2022 is outside the plan's period"),
        ("report 2025 pdf", "I did not understand 'pdf'."),
        ("report 2025 de", "I did not understand 'de'."),
        ("report 2025 plan", "Give either a year or `plan`, not both."),
        ("report 2023", "Nothing is recorded for 2023 yet"),
    ],
)
def test_bad_requests_are_refused_with_a_clear_message_and_nothing_is_sent(
    network_bot: RunningBot, clock: Clock, command: str, expected: str
) -> None:
    build_year(network_bot, clock)
    network_bot.reply(COORDINATOR, "lang en")
    assert expected in _ask(network_bot, command)
    assert _report_items(network_bot) == 0


def test_a_plan_with_nothing_recorded_and_a_non_coordinator_get_no_report(network_bot: RunningBot) -> None:
    network_bot.reply(COORDINATOR, "lang en")
    assert "Nothing is recorded for 2025 yet" in _ask(network_bot, "report")
    assert "Nothing is recorded for 2023–2025 yet" in _ask(network_bot, "report plan")
    assert "Only the coordinators can do that" in _ask(network_bot, "report 2025", user="UEN00001")
    assert _report_items(network_bot) == 0


def test_the_files_go_to_the_channel_asked_from_or_to_a_direct_message_if_the_bot_is_not_there(
    network_bot: RunningBot, clock: Clock
) -> None:
    build_year(network_bot, clock)
    network_bot.reply(COORDINATOR, "lang en")
    answer = network_bot.reply(COORDINATOR, "report 2025 csv", channel_id=CHANNEL)
    assert "on its way to this conversation: `participation-report-2025-en.csv`" in texts(answer)
    answer = network_bot.reply(COORDINATOR, "report 2025 md", channel_id="CNOBOT001")
    assert "I am not a member of this channel" in texts(answer)
    deliver(network_bot)
    shared: dict[str, list[str]] = {}  # per conversation, in order: conversations are sent to side by side
    for upload in uploads(network_bot):
        shared.setdefault(upload.channel, []).append(upload.filename)
    assert shared == {
        CHANNEL: ["participation-report-2025-en.csv"],
        f"D{COORDINATOR}": [
            "participation-report-2025-en.md",
            "participation-report-2025-en-satisfaction-per-meeting.png",
            "participation-report-2025-en-meetings-per-year.png",
        ],
    }
