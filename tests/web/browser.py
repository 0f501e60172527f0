"""A headless Chromium from the system packages (Debian's `chromium` and `chromium-driver`), driven by
Selenium with the driver's path given, so nothing is downloaded; and axe-core from npm
(`tests/web/axe`, installed with `npm ci`), injected into the page to check WCAG 2.1 A and AA."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

AXE = Path(__file__).with_name("axe") / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
)
_RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(result => done(result.violations.map(v => ({id: v.id, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' '))}))))
  .catch(error => done([{id: 'axe-error', help: String(error), nodes: []}]));
"""


def missing() -> str | None:
    """Why the browser tests cannot run here, or None: they need what `.ci/run` installs."""
    if shutil.which("chromium") is None or shutil.which("chromedriver") is None:
        return "no Chromium: apt-get install chromium chromium-driver (as .ci/run does)"
    if not AXE.exists():
        return "no axe-core: run `npm ci` in tests/web/axe (as .ci/run does)"
    return None


@contextmanager
def chromium(profile: Path) -> Iterator[WebDriver]:
    options = Options()
    options.binary_location = str(shutil.which("chromium"))
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(
        service=Service(executable_path=str(shutil.which("chromedriver"))), options=options
    )
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def axe_violations(driver: WebDriver) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page now open: each rule's id, help and elements."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = driver.execute_async_script(_RUN_AXE, TAGS)
    return found
