"""The Scrapy item pipeline: a real crawl (``scrapy runspider`` in a subprocess) of the seed
articles served by a local HTTP server, plus the pipeline's settings on real Scrapy objects."""

from __future__ import annotations

import dataclasses
import html
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import scrapy
from conftest import read_seed, seed_ids
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

import cleaner
from cleaner.integrations.scrapy import CleanerPipeline

PIPELINE = "cleaner.integrations.scrapy.CleanerPipeline"

SPIDER_SOURCE = f'''
import scrapy


class SeedSpider(scrapy.Spider):
    """Follows every link of the index page; yields the text of plain-text pages, and for HTML
    pages both the whole page and the list of its paragraphs."""

    name = "seeds"
    custom_settings = {{"ITEM_PIPELINES": {{"{PIPELINE}": 300}}, "ROBOTSTXT_OBEY": False,
                       "TELNETCONSOLE_ENABLED": False, "CLEANER_HTML_FIELD": "html"}}

    def __init__(self, start_url, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [start_url]

    def parse(self, response):
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, self.parse_page)

    def parse_page(self, response):
        if response.headers.get("Content-Type", b"").startswith(b"text/html"):
            yield {{"url": response.url, "kind": "html", "html": response.text}}
            yield {{"url": response.url, "kind": "paragraphs",
                   "text": response.css("article p::text").getall()}}
        else:
            yield {{"url": response.url, "kind": "plain", "text": response.text}}
'''


def html_page(seed_id: str, raw: str) -> str:
    """A simple article page: a <title> and one <p> per non-blank line of the raw text."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in raw.splitlines() if line.strip())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Seed {seed_id}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article>\n{paragraphs}</article></body></html>")


def site_pages() -> dict[str, tuple[str, bytes]]:
    """URL path -> (content type, body): each seed as text/plain and as HTML, an empty page,
    and an index linking them all."""
    pages: dict[str, tuple[str, bytes]] = {}
    for seed_id in seed_ids():
        raw = read_seed(seed_id, "raw")
        pages[f"/plain/{seed_id}.txt"] = ("text/plain; charset=utf-8", raw.encode("utf-8"))
        pages[f"/html/{seed_id}.html"] = ("text/html; charset=utf-8", html_page(seed_id, raw).encode("utf-8"))
    pages["/plain/empty.txt"] = ("text/plain; charset=utf-8", b"")
    links = "".join(f"<li><a href='{path}'>{path}</a></li>" for path in pages)
    pages["/"] = ("text/html; charset=utf-8", f"<html><body><ul>{links}</ul></body></html>".encode())
    return pages


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A local HTTP server on a free port of 127.0.0.1 serving ``site_pages()``."""
    pages = site_pages()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            content_type, body = pages.get(self.path, ("text/plain", b"not found"))
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def crawl(tmp_path: Path, start_url: str, *settings: str) -> tuple[list[dict], str]:
    """Run the seed spider with ``scrapy runspider`` (a fresh process: Twisted's reactor cannot
    restart) and return the items of its JSON-lines feed and its log."""
    spider = tmp_path / "seed_spider.py"
    spider.write_text(SPIDER_SOURCE, encoding="utf-8")
    feed = tmp_path / "items.jsonl"
    args = [sys.executable, "-m", "scrapy", "runspider", str(spider), "-a", f"start_url={start_url}",
            "-O", f"{feed}:jsonlines", "-s", "LOG_LEVEL=INFO"]
    for setting in settings:
        args += ["-s", setting]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    done = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    items = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    return items, done.stderr


def test_crawl_cleans_plain_and_html_pages_and_keeps_failures(tmp_path: Path, site: str, expected: dict) -> None:
    start_url = site
    items, log = crawl(tmp_path, start_url, "CLEANER_REMOVED_FIELD=removed")
    by_key = {(item["kind"], item["url"].removeprefix(start_url.rstrip("/"))): item for item in items}
    for seed_id in seed_ids():
        want = cleaner.clean(read_seed(seed_id, "raw"))
        plain = by_key["plain", f"/plain/{seed_id}.txt"]
        assert plain["clean_text"] == cleaner.clean_text(read_seed(seed_id, "raw"))
        assert plain["title"] == expected[seed_id]["title"]
        assert plain["metadata"] == want.metadata
        assert plain["removed"] == [r.as_dict() for r in want.removed]
        assert "clean_error" not in plain
        # the page's <title> stands in when the text has no headline
        page_title = expected[seed_id]["title"] or f"Seed {seed_id}"
        for kind in ("html", "paragraphs"):
            item = by_key[kind, f"/html/{seed_id}.html"]
            assert item["clean_text"] == want.text, (kind, seed_id)
            assert item["title"] == (page_title if kind == "html" else want.title)
    empty = by_key["plain", "/plain/empty.txt"]
    assert empty["clean_text"] is None
    assert empty["clean_error"]["code"] == "empty_input"
    assert len(items) == 3 * len(seed_ids()) + 1
    assert f"'cleaner/cleaned': {3 * len(seed_ids())}" in log
    assert "'cleaner/errors/empty_input': 1" in log


def test_crawl_drops_failures_when_asked(tmp_path: Path, site: str) -> None:
    start_url = site
    items, log = crawl(tmp_path, start_url, "CLEANER_ON_ERROR=drop", "CLEANER_OUTPUT_FIELD=body")
    assert len(items) == 3 * len(seed_ids())
    assert all(item["body"] and "clean_text" not in item for item in items)
    assert not any(item["url"].endswith("/empty.txt") for item in items)
    assert "'item_dropped_count': 1" in log


# -- the pipeline on real Scrapy objects, without a crawl -------------------------------------

def pipeline(**settings: object) -> CleanerPipeline:
    """A pipeline built the way Scrapy builds it, from a crawler with these settings."""
    crawler = get_crawler(settings_dict=settings)
    built = CleanerPipeline.from_crawler(crawler)
    built.open_spider()
    return built


class Article(scrapy.Item):
    text = scrapy.Field()
    clean_text = scrapy.Field()
    title = scrapy.Field()
    metadata = scrapy.Field()
    clean_error = scrapy.Field()


def test_scrapy_item_with_declared_fields() -> None:
    raw = read_seed(seed_ids()[0], "raw")
    item = pipeline().process_item(Article(text=raw))
    assert item["clean_text"] == cleaner.clean_text(raw)
    assert item["title"] == cleaner.clean(raw).title


def test_scrapy_item_without_the_output_field_says_which_setting() -> None:
    class Bare(scrapy.Item):
        text = scrapy.Field()

    with pytest.raises(KeyError, match="CLEANER_OUTPUT_FIELD"):
        pipeline().process_item(Bare(text=read_seed(seed_ids()[0], "raw")))


def test_dataclass_item_and_custom_fields() -> None:
    @dataclasses.dataclass
    class Page:
        body: str
        cleaned: str | None = None
        headline: str | None = None
        meta: dict | None = None

    raw = read_seed(seed_ids()[0], "raw")
    page = pipeline(CLEANER_TEXT_FIELD="body", CLEANER_OUTPUT_FIELD="cleaned", CLEANER_TITLE_FIELD="headline",
                    CLEANER_METADATA_FIELD="meta").process_item(Page(body=raw))
    want = cleaner.clean(raw)
    assert (page.cleaned, page.headline, page.meta) == (want.text, want.title, want.metadata)


def test_existing_title_is_kept_when_no_headline_is_found() -> None:
    no_title = next(s for s in seed_ids() if cleaner.clean(read_seed(s, "raw")).title is None)
    item = pipeline().process_item({"text": read_seed(no_title, "raw"), "title": "From the page"})
    assert item["title"] == "From the page"
    assert item["clean_text"] == cleaner.clean_text(read_seed(no_title, "raw"))


def test_disable_and_rules_settings_reach_the_cleaner() -> None:
    raw = read_seed(seed_ids()[1], "raw")
    config = cleaner.Config(disabled_kinds={"caption"}, disabled_rules={"caption"})
    assert cleaner.clean_text(raw, config=config) != cleaner.clean_text(raw)
    item = pipeline(CLEANER_DISABLE=["caption"]).process_item({"text": raw})
    assert item["clean_text"] == cleaner.clean_text(raw, config=config)


def test_bad_rules_folder_fails_when_the_spider_opens(tmp_path: Path) -> None:
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "broken.yaml").write_text("id: broken\nkind: ui\n", encoding="utf-8")
    with pytest.raises(cleaner.RuleError):
        pipeline(CLEANER_RULES_DIRS=[str(tmp_path)])


@pytest.mark.parametrize(("item", "code"), [
    ({"text": "   \n  "}, "empty_input"),
    ({"text": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"}, "undecodable_input"),
    ({"url": "https://example.org/"}, "missing_field"),
    ({"text": 42}, "invalid_field"),
])
def test_failures_are_kept_with_their_code(item: dict, code: str) -> None:
    built = pipeline()
    out = built.process_item(dict(item))
    assert out["clean_text"] is None
    assert out["clean_error"]["code"] == code
    assert out["clean_error"]["message"]
    assert built.stats.get_value(f"cleaner/errors/{code}") == 1


def test_failures_are_dropped_when_asked() -> None:
    built = pipeline(CLEANER_ON_ERROR="drop")
    with pytest.raises(DropItem, match="empty_input"):
        built.process_item({"text": ""})


def test_unknown_on_error_value_is_refused() -> None:
    with pytest.raises(ValueError, match="CLEANER_ON_ERROR"):
        pipeline(CLEANER_ON_ERROR="ignore")
