"""The Finnish and Swedish reports next to the division's own (seeds 003 and 001): every heading and
fixed text of the seed appears, in the seed's order, in the DOCX, the Markdown and the HTML; and the
smaller things a reader of the seed would notice (verdicts, untagged highlights, empty rows, captions)."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import docx
import pytest

from tests.conftest import COORDINATOR
from tests.participation.reports.seed_texts import HEADINGS, TEXTS
from tests.participation.reports.support import Upload, build_year, messages, uploads
from tests.support.clock import Clock
from tests.support.network import deliver
from tests.support.running import RunningBot, texts

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
SEED_FILES = {"fi": "003_", "sv": "001_"}
DM = "DCOORD001"


def _files(bot: RunningBot, command: str) -> dict[str, Upload]:
    texts(bot.reply(COORDINATOR, command, channel_id=DM))
    deliver(bot)
    return {upload.filename.rsplit(".", 1)[1]: upload for upload in uploads(bot)}


def _in_order(found: list[str], wanted: tuple[str, ...]) -> list[str]:
    """The wanted strings that are missing from `found`, or out of the seed's order."""
    missing, position = [], 0
    for text in wanted:
        try:
            position = found.index(text, position) + 1
        except ValueError:
            missing.append(text)
    return missing


def _normal(text: str) -> str:
    text = re.sub(r"(\d{4})\s*[-–]\s*(\d{4})", r"\1–\2", text)
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_heading_and_fixed_text_of_the_seed_report_appears_in_each_format(
    network_bot: RunningBot, clock: Clock, language: str
) -> None:
    build_year(network_bot, clock)
    files = _files(network_bot, f"report 2025 {language} docx md html")
    document = docx.Document(io.BytesIO(files["docx"].content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert _in_order(headings, HEADINGS[language]) == []
    markdown = files["md"].content.decode("utf-8")
    shown = [line.lstrip("#").strip().replace("\\", "") for line in markdown.splitlines() if line[:2] == "##"]
    assert _in_order(shown, HEADINGS[language]) == []
    page = files["html"].content.decode("utf-8")
    tagged = [html.unescape(t) for t in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", page, re.S)]
    assert _in_order(tagged, HEADINGS[language]) == []
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    body = "\n".join([p.text for p in document.paragraphs] + cells)
    for text in TEXTS[language]:
        assert text in body, text
        assert html.escape(text, quote=False) in page or text in html.unescape(page), text


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside this checkout")
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_copies_match_the_seeds(language: str) -> None:
    [seed] = SEEDS.glob(f"{SEED_FILES[language]}*.txt")
    text = _normal(seed.read_text(encoding="utf-8"))
    for copied in (*HEADINGS[language][2:], *TEXTS[language]):  # the contents list and section 1 aside
        assert _normal(copied) in text, copied


def test_the_swedish_report_words_priorities_as_its_report_and_the_status_as_the_plan(
    network_bot: RunningBot, clock: Clock
) -> None:
    build_year(network_bot, clock)
    files = _files(network_bot, "report 2025 sv md")
    markdown = files["md"].content.decode("utf-8")
    assert "### Förstärkt delaktighetsupplevelse" in markdown
    assert "Förstärkning av delaktighetsupplevelsen" not in markdown
    network_bot.reply(COORDINATOR, "lang sv")
    status = texts(network_bot.reply(COORDINATOR, "status"))
    assert "Förstärkning av delaktighetsupplevelsen" in status
    assert "Förstärkt delaktighetsupplevelse" not in status


def test_untagged_highlights_get_their_own_heading_after_the_priorities(
    network_bot: RunningBot, clock: Clock
) -> None:
    build_year(network_bot, clock)
    loose = "Seniori-info järjesti avoimen kyselyn."
    answer = texts(network_bot.reply("UFI00001", f'note 4 "{loose}" year=2025'))
    assert "tallennettu" in answer, answer
    document = docx.Document(io.BytesIO(_files(network_bot, "report 2025 fi docx")["docx"].content))
    lines = [(p.style.name, p.text) for p in document.paragraphs]
    section = lines.index(("Heading 1", "4. Vieraskielisten osallisuuden edistäminen"))
    part = lines[section + 1 : lines.index(("Heading 1", "5. Ikääntyneiden osallisuuden edistäminen"))]
    assert [line for line in part if line[0] == "Heading 2"] == [
        ("Heading 2", "Osallisuuskokemuksen vahvistaminen"),
        ("Heading 2", "Muut nostot"),
    ]
    assert part[-1] == ("List Bullet", loose)


def test_the_tables_have_no_empty_dash_rows_and_keep_their_column_widths(
    network_bot: RunningBot, clock: Clock
) -> None:
    build_year(network_bot, clock)
    document = docx.Document(io.BytesIO(_files(network_bot, "report 2025 fi docx")["docx"].content))
    tables = [t for t in document.tables if len(t.columns) == 3]
    rows = [[c.text for c in row.cells] for t in tables for row in t.rows]
    assert not [row for row in rows if row[1:] == ["–", "–"]]
    bare = [row for row in rows if row[2] == ""]
    note = "Suunnitelmassa ei ole tälle toimenpiteelle seurantamittaria."
    assert bare and all(row[1] == note for row in bare)
    for table in tables:  # the grid Word lays out by is the cells' widths: 6 + 6 + 5 cm
        grid = [round(column.width.cm, 2) for column in table.columns]
        assert grid == [6.0, 6.0, 5.0]
        assert [round(cell.width.cm, 2) for cell in table.rows[1].cells] == grid
    assert any(r[2] == "ei\xa0raportoitu" for r in rows)  # a no-break space: never split over two lines


def test_chart_captions_say_how_to_read_the_chart_instead_of_repeating_its_title(
    network_bot: RunningBot, clock: Clock
) -> None:
    build_year(network_bot, clock)
    files = _files(network_bot, "report 2025 en docx html")
    document = docx.Document(io.BytesIO(files["docx"].content))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [
        "Each bar is the average answer to one meeting's feedback poll; the dashed line is the target.",
        "Each bar is one network's meetings held in a year; the shaded band is the target range.",
    ]
    titles = [u.title for u in uploads(network_bot) if u.filename.endswith(".png")]
    assert titles == ["Satisfaction per network meeting 2025", "Network meetings held per year 2025"]
    page = html.unescape(files["html"].content.decode("utf-8"))
    assert all(f"<figcaption>{caption}</figcaption>" in page for caption in captions)


def test_a_request_for_many_files_shares_them_in_as_few_messages_as_slack_allows(
    network_bot: RunningBot, clock: Clock
) -> None:
    build_year(network_bot, clock)
    network_bot.reply(COORDINATOR, "report 2025 fi sv en docx html md csv xlsx", channel_id=DM)
    assert deliver(network_bot) == 3
    shared = messages(network_bot)
    assert [len(message) for message in shared] == [10, 10, 1]  # 3 languages × (5 formats + 2 charts)
    assert len({u.filename for message in shared for u in message}) == 21
    assert shared[0][0].comment is not None and {u.comment for u in shared[1] + shared[2]} == {None}
