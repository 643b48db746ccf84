"""The playground page in a real browser: Debian's headless Chromium driven by Playwright, against
the real service (``cleaner serve``, gunicorn) on a local port."""

from __future__ import annotations

import json
import re
import struct

import pytest
from conftest import SEEDS
from live_server import LiveServer
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"  # Debian's package (.ci/run installs it); no browser download
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SEED_004 = SEEDS / "004_2da098b2e0761f02.raw.txt"
APPENDED_HEADLINE = "Afghans Both Hopeful, Disappointed after Russia's Taliban Recognition"
WAIT_MS = 60_000  # generous: other work may be using the CPUs
expect.set_options(timeout=WAIT_MS)

# Markup in plain text, an emoji (two UTF-16 units, one code point) before removed pieces.
HOSTILE_TEXT = "\n".join([
    "Storm <b>closes</b> 😀 harbour road",
    "Share",
    'The coast road was closed on Sunday after waves threw rocks onto it, and <img src=x onerror="window.__xss=1"> '
    "police said it would stay shut until Tuesday at the earliest.",
    "Advertisement",
    "Engineers will inspect the sea wall once the wind drops, the council said in a statement on Monday evening.",
])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with LiveServer(tmp_path_factory.mktemp("playground-server"), workers=2) as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, server: LiveServer):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=f"http://127.0.0.1:{server.port}")
    opened = context.new_page()
    opened.set_default_timeout(WAIT_MS)
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(f"http://127.0.0.1:{server.port}/")
    yield opened
    context.close()
    assert errors == [], f"script errors on the page: {errors}"


def clean_in_page(page: Page, text: str) -> None:
    """Paste ``text`` and clean it; wait for the answer."""
    page.fill("#input", text)
    page.click("#clean-button")
    expect(page.locator("#status")).to_contain_text("Removed")
    expect(page.locator("#result")).to_be_visible()


def body_text(page: Page) -> str:
    return page.locator("#clean").inner_text()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_seed_004_appended_story_is_marked_and_a_kind_can_be_kept(page: Page, tmp_path):
    clean_in_page(page, SEED_004.read_text(encoding="utf-8"))

    headline = page.locator("#marked mark", has_text=APPENDED_HEADLINE).first
    expect(headline).to_have_attribute("data-kind", "appended_story")
    expect(headline).to_have_attribute("title", re.compile(r"^appended_story · appended_story · \w+$"))
    expect(headline).to_have_attribute("aria-label", re.compile(
        rf"^appended story removed by appended_story \([\w ]+\): {re.escape(APPENDED_HEADLINE)}$"))
    story = page.locator("#marked mark[data-kind='appended_story']")
    assert story.count() > 5  # the headline and the story's paragraphs
    before = body_text(page)
    assert "Taliban" not in before and "Kursk" in before
    expect(page.locator("label[data-kind='appended_story'] .count")).to_have_text(f"({story.count()})")
    expect(page.locator("#found dd[data-field='title']")).to_have_text(
        "Russia Says Last Ukrainian Troops Expelled from Kursk Region, Kyiv Denies Assertion")

    # Keep appended stories: the page cleans again with that kind disabled.
    page.locator("label[data-kind='appended_story'] input").uncheck()
    expect(page.locator("#status")).to_contain_text("kept: appended_story")
    expect(page.locator("#marked mark[data-kind='appended_story']")).to_have_count(0)
    after = body_text(page)
    assert after != before and "Taliban" in after and "Kursk" in after

    shot = tmp_path / "playground.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    width, height = png_size(data)
    assert len(data) > 20_000 and width >= 1280 and height >= 900


def test_the_keyboard_reaches_every_mark_and_its_rule(page: Page):
    clean_in_page(page, SEED_004.read_text(encoding="utf-8"))
    page.focus("#download")
    page.keyboard.press("Tab")  # one tab stop into the marks
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.dataset.rule]")
    assert focused == ["MARK", "title"]
    tooltip = page.locator("#tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("rule: title")
    page.keyboard.press("ArrowRight")
    expect(tooltip).to_contain_text("rule: captions")
    page.keyboard.press("End")
    assert page.evaluate("() => document.activeElement.dataset.kind") == "appended_story"
    expect(tooltip).to_contain_text("reason: after_cut")
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()

    # A kind toggled from the keyboard: Space on its checkbox, focus stays there.
    page.focus("label[data-kind='caption'] input")
    page.keyboard.press("Space")
    expect(page.locator("#status")).to_contain_text("kept: caption")
    expect(page.locator("#marked mark[data-kind='caption']")).to_have_count(0)
    assert page.evaluate("() => document.activeElement.value") == "caption"


def test_text_is_shown_as_text_and_offsets_survive_emoji(page: Page):
    clean_in_page(page, HOSTILE_TEXT)
    assert page.locator("#marked img, #clean img, #marked b").count() == 0
    assert page.evaluate("() => window.__xss") is None
    assert '<img src=x onerror="window.__xss=1">' in body_text(page)
    expect(page.locator("#marked mark[data-kind='advertisement']")).to_have_text("Advertisement")
    expect(page.locator("#marked mark")).to_have_text(["Storm <b>closes</b> 😀 harbour road", "Share", "Advertisement"])


def test_copy_and_download_give_the_result(page: Page, tmp_path):
    clean_in_page(page, SEED_004.read_text(encoding="utf-8"))
    with page.expect_download() as pending:
        page.click("#download")
    saved = tmp_path / "cleaned.json"
    pending.value.save_as(saved)
    result = json.loads(saved.read_text(encoding="utf-8"))
    assert pending.value.suggested_filename == "cleaned.json"
    assert {"text", "title", "metadata", "removed", "source"} <= set(result)
    assert result["text"].split("\n") == page.locator("#clean p").all_inner_texts()

    page.click("#copy")
    expect(page.locator("#status")).to_contain_text("Copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == result["text"]


def test_a_dropped_or_chosen_file_is_cleaned(page: Page, tmp_path):
    story = ("Harbour news\nThe ferry sailed on time again today, to the surprise of everyone who was waiting on the quay.\n"
             "Advertisement\nIt was the first time this month, the operator said.")
    page.evaluate("""(story) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([story], "story.txt", {type: "text/plain"}));
        const drop = new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true});
        document.getElementById("input").dispatchEvent(drop);
    }""", story)
    expect(page.locator("#marked mark[data-kind='advertisement']")).to_have_text("Advertisement")
    assert page.input_value("#input").startswith("Harbour news")

    html = tmp_path / "page.html"
    html.write_text("<html><head><title>Quay</title></head><body><article><h1>Quay reopens</h1>"
                    "<p>The quay reopened on Friday after repairs that took most of the winter and cost the town more than expected.</p>"
                    "<p>Fishing boats were back at their moorings by the afternoon, the harbour master said.</p>"
                    "</article></body></html>", encoding="utf-8")
    page.set_input_files("#file", str(html))
    expect(page.locator("#clean")).to_contain_text("The quay reopened on Friday")
    assert page.input_value("#format") == "html"
    assert "<p>" not in page.locator("#marked").inner_text()  # the source shown is the extracted text


def test_errors_are_shown_not_thrown(page: Page):
    page.click("#clean-button")
    expect(page.locator("#status")).to_have_text("Paste an article or drop a file first.")
    page.fill("#input", "\u00a0 <p> </p>")
    page.select_option("#format", "html")
    page.click("#clean-button")
    expect(page.locator("#status")).to_contain_text("Could not clean: empty_input")


def test_readable_on_a_phone(page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    clean_in_page(page, SEED_004.read_text(encoding="utf-8"))
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    marked_box = page.locator("#marked").bounding_box()
    clean_box = page.locator("#clean").bounding_box()
    assert clean_box["y"] >= marked_box["y"] + marked_box["height"]  # stacked, not squeezed side by side
    assert marked_box["width"] > 300
