"""The progress page and the HTML report in a real headless Chromium: no WCAG 2.1 A/AA violation that
axe-core finds, in each language; usable by keyboard, at 200 % zoom, and printed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from console.main import cli
from participation.i18n import LANGUAGES
from tests.support.running import RunningBot
from tests.web.browser import axe_violations, chromium, missing
from tests.web.support import PLAN, token

TITLES = {
    "fi": "Osallisuussuunnitelman eteneminen",
    "sv": "Delaktighetsplanens framskridande",
    "en": "Progress of the participation plan",
}


@pytest.fixture
def driver(tmp_path: Path) -> WebDriver:
    """The browser; skipped with the reason when it or axe-core is absent, but failed under CI
    (`.ci/run` sets REQUIRE_BROWSER_TESTS after installing both), so CI never skips them silently."""
    reason = missing()
    if reason is not None:
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(reason)
        pytest.skip(reason)
    with chromium(tmp_path / "profile") as opened:
        yield opened  # type: ignore[misc]


def test_the_page_has_no_accessibility_violations_in_any_language(
    year_bot: RunningBot, driver: WebDriver
) -> None:
    for language in LANGUAGES:
        driver.get(f"{year_bot.url}/plan/{PLAN}/2025?lang={language}&token={token(year_bot)}")
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
        assert driver.title.startswith(TITLES[language])
        assert axe_violations(driver) == [], language
        screenshot = os.environ.get("PROGRESS_PAGE_SCREENSHOT")
        if screenshot and language == "en":  # for the README: PROGRESS_PAGE_SCREENSHOT=docs/img/…png
            driver.set_window_size(1100, 1400)
            driver.save_screenshot(screenshot)
            driver.set_window_size(1280, 1000)
    driver.get(f"{year_bot.url}/plan?lang=sv")  # the 404 page is a page too
    assert axe_violations(driver) == []


def test_the_page_works_by_keyboard_at_200_percent_zoom_and_in_print(
    year_bot: RunningBot, driver: WebDriver
) -> None:
    driver.get(f"{year_bot.url}/plan?lang=en&token={token(year_bot)}")
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = driver.switch_to.active_element
    assert skip.text == "Skip to the content" and skip.is_displayed()
    skip.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == "content"
    driver.set_window_size(640, 1000)  # 1280 px wide at 200 %: no sideways scrolling
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    languages = driver.find_element(By.CSS_SELECTOR, "nav ul.languages")
    assert not languages.is_displayed()
    assert driver.find_element(By.TAG_NAME, "h1").is_displayed()


def test_the_html_report_has_no_accessibility_violations(
    year_bot: RunningBot,
    driver: WebDriver,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    for language in LANGUAGES:
        target = tmp_path / f"report-{language}.html"
        arguments = [
            "report",
            "--year",
            "2025",
            "--lang",
            language,
            "--format",
            "html",
            "--output",
            str(target),
        ]
        result = CliRunner().invoke(cli, arguments)
        assert result.exit_code == 0, result.output
        driver.get(target.as_uri())
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
        assert axe_violations(driver) == [], language
