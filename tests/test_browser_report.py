"""The HTML report in a real headless Chromium: highlights, filters, no injected script runs.

Needs the Debian packages `chromium` and `chromium-driver` (scripts/install_browser.sh) and
the `selenium` Python package. Skipped when they are missing, except under CI, where a
missing browser is a failure rather than a silently skipped check.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path

import pytest

from tests.test_html_report import SAMPLE_ARTICLE, sample_report
from verifier.html_report import to_html

log = logging.getLogger(__name__)

CHROMIUM = Path(os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1440,1800", "--force-device-scale-factor=1",
)
# Runs before any page script: records dialogs instead of showing them, so a single check
# after load proves none was attempted.
ALERT_TRAP = """
window.__dialogs = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = function (msg) { window.__dialogs.push(name + ":" + msg); };
}
"""

pytestmark = pytest.mark.browser


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing() -> list[str]:
    missing = [f"{p} (apt: {pkg})" for p, pkg in ((CHROMIUM, "chromium"),
                                                  (CHROMEDRIVER, "chromium-driver"))
               if not os.access(p, os.X_OK)]
    if importlib.util.find_spec("selenium") is None:
        missing.append("python package selenium (pip install selenium)")
    return missing


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    missing = _missing()
    if missing:
        why = "headless browser test needs " + ", ".join(missing)
        if _in_ci():
            pytest.fail(f"{why}; run scripts/install_browser.sh (CI is set, so not skipping)")
        pytest.skip(f"{why}; run scripts/install_browser.sh")

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    # Leave any dialog open so the test can see it, instead of WebDriver dismissing it.
    options.unhandled_prompt_behavior = "ignore"
    browser = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ALERT_TRAP})
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html-report") / "lunar.html"
    path.write_text(to_html(sample_report(), SAMPLE_ARTICLE), encoding="utf-8")
    return path


def _open(driver, path: Path):
    # Via about:blank so that a fragment left by an earlier test cannot make this a
    # same-document navigation that keeps the old page state.
    driver.get("about:blank")
    driver.get(path.as_uri())
    return driver


@pytest.fixture
def report_page(driver, report_file):
    return _open(driver, report_file)


def _cards(driver, verdict: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, f'article.card[data-verdict="{verdict}"]')


def test_no_injected_script_ran(report_page):
    from selenium.common.exceptions import NoAlertPresentException

    driver = report_page
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return window.__dialogs") == []
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018 - the property access is the check
    # The hostile markup is on the page as visible text.
    body = driver.find_element("tag name", "body").text
    assert "<script>window.__pwned = true; alert(1)</script>" in body
    assert '<img src=x onerror="window.__pwned = true; alert(2)">' in body


def test_report_script_and_style_pass_the_csp(report_page):
    """The hashes in the policy match: the filter bar is revealed and the highlights coloured."""
    driver = report_page
    assert driver.find_element("id", "filters").is_displayed()
    background = driver.execute_script(
        "return getComputedStyle(document.querySelector('a.hl.v-contradicted')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_highlights_have_the_claim_text(report_page):
    driver = report_page
    found = driver.execute_script(
        "return Array.from(document.querySelectorAll('a.hl'), a => "
        "[a.dataset.claim, a.querySelector('.hl-text').textContent])")
    expected = {c.id: c.span.slice(SAMPLE_ARTICLE) for c in sample_report().claims}
    assert len(found) == 4
    for claim_id, text in found:
        assert text == expected[claim_id]


def test_screenshot(report_page, tmp_path):
    target = Path(os.environ.get("REPORT_SCREENSHOT") or tmp_path / "report.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    report_page.execute_script("window.scrollTo(0, 0)")
    assert report_page.save_screenshot(str(target))
    assert target.stat().st_size > 10_000
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    log.info("report screenshot saved to %s", target)


def test_clicking_a_highlight_jumps_to_its_card(report_page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = report_page
    link = driver.find_element(By.CSS_SELECTOR, 'a.hl[data-claim="c3"]')
    link.click()
    assert driver.execute_script("return location.hash") == "#claim-3"
    # Keyboard: a highlight is a focusable link that Enter follows.
    first = driver.find_element(By.CSS_SELECTOR, 'a.hl[data-claim="c1"]')
    driver.execute_script("arguments[0].focus()", first)
    assert driver.switch_to.active_element == first
    first.send_keys(Keys.ENTER)
    assert driver.execute_script("return location.hash") == "#claim-1"


def test_filter_button_hides_contradicted_cards(report_page):
    from selenium.webdriver.common.by import By

    driver = report_page
    button = driver.find_element(By.CSS_SELECTOR, 'button[data-filter="contradicted"]')
    assert all(card.is_displayed() for card in _cards(driver, "contradicted"))

    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert len(_cards(driver, "contradicted")) == 2
    assert not any(card.is_displayed() for card in _cards(driver, "contradicted"))
    assert all(card.is_displayed() for card in _cards(driver, "supported"))
    assert all(card.is_displayed() for card in _cards(driver, "unverified"))
    # The article keeps its text; only the highlight styling goes.
    hidden_hl = driver.find_element(By.CSS_SELECTOR, 'a.hl[data-claim="c2"]')
    assert hidden_hl.is_displayed()
    assert not driver.find_element(By.CSS_SELECTOR, 'a.hl[data-claim="c2"] .hl-tag').is_displayed()

    driver.find_element(By.CSS_SELECTOR, 'button[data-filter="all"]').click()
    assert button.get_attribute("aria-pressed") == "true"
    assert all(card.is_displayed() for card in _cards(driver, "contradicted"))


def test_csp_blocks_a_script_that_slipped_through(driver, tmp_path):
    """Defence in depth: were escaping ever to fail, the policy still refuses the script."""
    page = to_html(sample_report(), SAMPLE_ARTICLE)
    leaked = page.replace("<main>", "<main><script>window.__pwned = true;</script>"
                          '<img src="x" onerror="window.__pwned = true">', 1)
    path = tmp_path / "leaked.html"
    path.write_text(leaked, encoding="utf-8")
    _open(driver, path)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    # The report's own, hashed script still ran.
    assert driver.find_element("id", "filters").is_displayed()


def test_without_javascript_everything_shows(driver, report_file):
    from selenium.webdriver.common.by import By

    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        _open(driver, report_file)
        assert not driver.find_element(By.ID, "filters").is_displayed()
        cards = driver.find_elements(By.CSS_SELECTOR, "article.card")
        assert len(cards) == 5
        assert all(card.is_displayed() for card in cards)
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
