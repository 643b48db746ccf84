"""HTML input: sniff it, and extract its main text with trafilatura (the only module that
imports trafilatura's extractor)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import regex

from .clock import current_clock, interrupt_after
from .errors import InputTooLargeError

if TYPE_CHECKING:
    from lxml.etree import _Element

HTML_START = regex.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                           regex.I | regex.S)
HTML_TAG = regex.compile(r"</?(?:p|div|article|section|span|a|br|h[1-6]|li|ul|table|td|main|header|footer|nav)\b[^<>]{0,500}>",
                         regex.I)
# a run of white space in the extracted page's text: a page's source wraps its paragraphs'
# lines ("... who in 2008, won the\nAfrica Movie Academy Award ..."), and the extractor keeps
# those breaks, which would split a paragraph into lines that read as short non-sentences
SPACE_RUN = regex.compile(r"\s+")
SNIFF_CHARS = 5000
MIN_TAGS = 5
# trafilatura spends ~50 µs per element; beyond this many tags a page is refused outright (the
# time budget would refuse it anyway, but only after spending it).
MAX_HTML_TAGS = 100_000


def is_html(text: str, mode: str = "auto") -> bool:
    """Whether to treat ``text`` as HTML: ``always``/``never``, or sniffed (``auto``): it starts
    like an HTML document, or its start holds several block-level tags."""
    if mode != "auto":
        return mode == "always"
    head = text[:SNIFF_CHARS]
    if HTML_START.search(head):
        return True
    return len(HTML_TAG.findall(head, overlapped=False)) >= MIN_TAGS


_warm = False


def warm_up() -> None:
    """Run the extractor once on a tiny page: its first call loads data and compiles patterns
    (over a second), which must not be charged to the first document's time budget."""
    global _warm
    from trafilatura import bare_extraction

    bare_extraction("<html><body><article><p>Warm up.</p></article></body></html>", with_metadata=True)
    _warm = True


def html_to_text(html: str) -> tuple[str, dict[str, str], list[tuple[int, int]]]:
    """The main text of an HTML page, one block per line, the metadata trafilatura found
    (``title``, ``author``, ``published``, ``source``), and the offsets (start, end) in that
    text of the lines of its code blocks (``<pre>``, ``<code>``: a program's lines are the
    article's, however short and unlike prose they are).

    Bounded: more than ``MAX_HTML_TAGS`` tags raise ``InputTooLargeError``; the extraction runs
    under the current document's time budget (``clock.interrupt_after``). Entities are never
    expanded from a DTD and external entities never loaded (lxml's HTML parser), and script and
    style content is never part of the text.
    """
    from trafilatura import bare_extraction

    tags = html.count("<")
    if tags > MAX_HTML_TAGS:
        raise InputTooLargeError(f"the HTML has {tags:,} tags; the limit is {MAX_HTML_TAGS:,}")
    clock = current_clock()
    if not _warm:
        with clock.paused() if clock else contextlib.nullcontext():
            warm_up()
    # trafilatura's balanced mode: on the held-out pages (scripts/build_heldout.py, *-html) it
    # kept more of the article and less noise than favor_recall, which this used before
    result = interrupt_after(clock, lambda: bare_extraction(html, include_comments=False, include_tables=True,
                                                            with_metadata=True))
    if result is None:
        return "", {}, []
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    body = getattr(result, "body", None)
    text, code = flowed_text(body) if body is not None else (data.get("text") or "", [])
    meta = {"title": data.get("title"), "author": data.get("author"),
            "published": data.get("date"), "source": data.get("sitename")}
    return text, {k: v for k, v in meta.items() if v}, code


def flowed_text(body: _Element) -> tuple[str, list[tuple[int, int]]]:
    """The text of trafilatura's extracted ``body`` (its XML tree), one element per line as
    trafilatura writes it, with the source's line breaks inside an element as spaces (an
    explicit ``<br>``, ``lb``, still breaks the line; code keeps its layout), and the offsets
    of the lines that are a code block's (a whole line of the text that is a line of a
    ``code`` element: inline code inside a sentence is part of a longer line)."""
    from trafilatura.xml import xmltotxt

    # the elements themselves, not their ids: lxml's proxies live only while referenced
    in_code: set[_Element] = set()
    code_lines: set[str] = set()
    for code in body.iter("code"):
        in_code.update(code.iter())
        code_lines.update(line.strip() for line in "".join(code.itertext()).splitlines())
    code_lines.discard("")
    for element in body.iter():
        if element.text and element not in in_code:
            element.text = SPACE_RUN.sub(" ", element.text)
        parent = element.getparent()
        if element.tail and parent is not None and parent not in in_code:
            element.tail = SPACE_RUN.sub(" ", element.tail)
    lines = [line for line in (line.strip() for line in xmltotxt(body, include_formatting=False).splitlines()) if line]
    code: list[tuple[int, int]] = []
    if code_lines:
        start = 0
        for line in lines:
            if line in code_lines:
                code.append((start, start + len(line)))
            start += len(line) + 1
    return "\n".join(lines), code
