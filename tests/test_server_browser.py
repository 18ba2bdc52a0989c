"""The review page in a real headless Chromium (Debian's chromium + chromium-driver, driven by
Selenium): paste a draft, see the findings, accept one edit, reject another, check the result.

Skips when chromium, chromedriver or selenium is missing. The screenshot goes to
``build/test-output/`` (or ``$RETRANS_TEST_OUTPUT``) so a person can look at it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
webdriver = pytest.importorskip("selenium.webdriver")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from conftest import EXAMPLE, ROOT, SAMPLES  # noqa: E402
from retrans.server.local import LocalServer  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
OUT = Path(os.environ.get("RETRANS_TEST_OUTPUT") or ROOT / "build" / "test-output")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="chromium and chromium-driver are not installed"
)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="retrans-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
    ):
        opts.add_argument(flag)
    drv = webdriver.Chrome(options=opts, service=Service(executable_path=DRIVER))
    drv.set_page_load_timeout(60)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _check(drv: Any, srv: LocalServer, text: str) -> list[Any]:
    drv.get(srv.url + "/")
    draft = drv.find_element(By.ID, "draft")
    draft.clear()
    # Paste: put the text in the page's clipboard-free way (a paste event's result), then
    # type one key so the textarea sees real input.
    drv.execute_script("arguments[0].value = arguments[1];", draft, text)
    draft.send_keys(Keys.END)
    assert draft.get_attribute("value") == text
    drv.find_element(By.ID, "btn-check").click()
    WebDriverWait(drv, 120).until(
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, "#list .item")
            or "Error" in d.find_element(By.ID, "status").text
        )
    )
    assert "Error" not in drv.find_element(By.ID, "status").text
    return list(drv.find_elements(By.CSS_SELECTOR, "#list .item"))


def _edits(drv: Any) -> list[Any]:
    return [
        li
        for li in drv.find_elements(By.CSS_SELECTOR, "#list .item")
        if li.find_elements(By.CSS_SELECTOR, "button.accept")
    ]


def _change(li: Any) -> tuple[str, str]:
    return li.find_element(By.CSS_SELECTOR, ".change del").text, li.find_element(
        By.CSS_SELECTOR, ".change ins"
    ).text


def _result(drv: Any) -> str:
    return str(drv.find_element(By.ID, "result").get_attribute("value"))


def _shot(drv: Any, name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    drv.execute_script("window.scrollTo(0, 0);")
    path = OUT / name
    drv.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def test_review_page_accept_and_reject(server: LocalServer, browser: Any) -> None:
    drv = browser
    text = (SAMPLES / "fr_ceasefire_call.txt").read_text(encoding="utf-8")
    items = _check(drv, server, text)
    assert len(items) >= 10
    # Findings are underlined by category in the draft, and the detector's verdict shows.
    names = drv.find_elements(By.CSS_SELECTOR, "#view mark.cat-names")
    assert any(m.text == "Poutine" for m in names)
    assert drv.find_elements(By.CSS_SELECTOR, "#view mark.cat-typography")
    assert drv.find_elements(By.CSS_SELECTOR, "#view mark.cat-numbers")
    assert "Likely machine-translated" in drv.find_element(By.ID, "det-verdict").text
    assert "French" in drv.find_element(By.ID, "det-source").text
    assert drv.find_elements(By.CSS_SELECTOR, "#det-reasons li")
    assert _result(drv) == text  # nothing applied before the editor decides

    edits = _edits(drv)
    poutine = next(li for li in edits if _change(li) == ("Poutine", "Putin"))
    interview = next(li for li in edits if _change(li)[0] == "the place is still for dialogue")
    new_phrase = _change(interview)[1]
    poutine.find_element(By.CSS_SELECTOR, "button.accept").click()
    # The list re-renders: find the other item again by its text.
    interview = next(
        li for li in _edits(drv) if _change(li)[0] == "the place is still for dialogue"
    )
    interview.find_element(By.CSS_SELECTOR, "button.reject").click()

    first = text.index("Poutine")
    want = text[:first] + "Putin" + text[first + len("Poutine") :]
    assert _result(drv) == want
    assert new_phrase not in _result(drv)
    states = [li.find_element(By.CSS_SELECTOR, ".state").text for li in _edits(drv)]
    assert states.count("accepted") == 1 and states.count("rejected") == 1
    assert drv.find_elements(By.CSS_SELECTOR, "#view ins.rep")  # the accepted edit shows
    _shot(drv, "review-page.png")

    # Keyboard: focus the rejected item, move down with j, accept with a.
    items = drv.find_elements(By.CSS_SELECTOR, "#list .item")
    idx = next(i for i, li in enumerate(items) if "the place is still for dialogue" in li.text)
    items[idx].click()
    drv.switch_to.active_element.send_keys("u")  # undo the rejection
    drv.switch_to.active_element.send_keys("a")
    assert new_phrase in _result(drv)

    # Accept all of one rule: every GL101 edit.
    rule_btn = next(
        b
        for b in drv.find_elements(By.CSS_SELECTOR, "#rules button")
        if b.get_attribute("data-rule") == "GL101"
    )
    rule_btn.click()
    gl = [li for li in _edits(drv) if li.text.startswith("GL101")]
    assert len(gl) >= 2
    assert {li.find_element(By.CSS_SELECTOR, ".state").text for li in gl} == {"accepted"}
    assert "Vladimir Putin" in _result(drv) and "Sergei Lavrov" in _result(drv)

    # Accept all equals the API's own fix of the text (one round of edits).
    drv.find_element(By.ID, "btn-accept-all").click()
    out = _result(drv)
    assert "Skip to content" not in out and "3.5 million" in out and "10,000" in out


def test_review_page_on_the_shared_example(server: LocalServer, browser: Any) -> None:
    if not EXAMPLE.is_file():
        pytest.skip("../shared/examples is not present in this clone")
    text = EXAMPLE.read_text(encoding="utf-8")
    drv = browser
    items = _check(drv, server, text.replace("\r\n", "\n"))
    assert items
    text = str(drv.find_element(By.ID, "draft").get_attribute("value"))
    edits = _edits(drv)
    assert len(edits) >= 2
    span = int(edits[0].get_attribute("data-start")), int(edits[0].get_attribute("data-end"))
    edits[0].find_element(By.CSS_SELECTOR, "button.accept").click()
    _edits(drv)[1].find_element(By.CSS_SELECTOR, "button.reject").click()
    # The API's edit at that span, applied alone, is the page's result.
    fixed = json.loads(
        urllib.request.urlopen(
            urllib.request.Request(
                server.url + "/v1/fix",
                json.dumps({"text": text}).encode(),
                {"content-type": "application/json"},
            ),
            timeout=60,
        ).read()
    )
    rep = next(e["replacement"] for e in fixed["edits"] if (e["start"], e["end"]) == span)
    assert _result(drv) == text[: span[0]] + rep + text[span[1] :]
    _shot(drv, "review-page-shared-example.png")


def test_page_keyboard_check_and_file_open(
    server: LocalServer, browser: Any, tmp_path: Path
) -> None:
    drv = browser
    drv.get(server.url + "/")
    draft = drv.find_element(By.ID, "file")
    md = tmp_path / "draft.md"
    md.write_text(
        "# Title\n\nSergueï Lavrov met `Poutine` and Vladimir Poutine.\n", encoding="utf-8"
    )
    draft.send_keys(str(md))
    WebDriverWait(drv, 30).until(
        lambda d: "Lavrov" in (d.find_element(By.ID, "draft").get_attribute("value") or "")
    )
    assert drv.find_element(By.ID, "opt-format").get_attribute("value") == "markdown"
    drv.find_element(By.ID, "draft").send_keys(Keys.CONTROL, Keys.ENTER)
    WebDriverWait(drv, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#list .item"))
    drv.find_element(By.ID, "btn-accept-all").click()
    out = _result(drv)
    assert "Sergei Lavrov" in out and "`Poutine`" in out and "Vladimir Putin" in out


def test_page_asks_for_the_token_when_auth_is_on(browser: Any, tmp_path: Path) -> None:
    tok = tmp_path / "token"
    tok.write_text("page-token\n", encoding="utf-8")
    drv = browser
    with LocalServer(token_file=tok) as srv:
        drv.get(srv.url + "/")
        assert not drv.find_element(By.ID, "opt-token").is_displayed()
        drv.execute_script(
            "arguments[0].value = arguments[1];",
            drv.find_element(By.ID, "draft"),
            "Vladimir Poutine spoke on Friday ; nobody listened.",
        )
        drv.find_element(By.ID, "btn-check").click()
        WebDriverWait(drv, 60).until(lambda d: d.find_element(By.ID, "opt-token").is_displayed())
        assert "Bearer" in drv.find_element(By.ID, "status").text
        drv.find_element(By.ID, "opt-token").send_keys("page-token")
        drv.find_element(By.ID, "btn-check").click()
        WebDriverWait(drv, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#list .item"))
        drv.find_element(By.ID, "btn-accept-all").click()
        assert _result(drv) == "Vladimir Putin spoke on Friday; nobody listened."
        drv.find_element(By.ID, "btn-copy").click()
        WebDriverWait(drv, 10).until(lambda d: "copied" in d.find_element(By.ID, "status").text)
