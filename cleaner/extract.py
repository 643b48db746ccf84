"""HTML input: sniff it, and extract its main text with trafilatura (the only module that
imports trafilatura's extractor)."""

from __future__ import annotations

import regex

HTML_START = regex.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                           regex.I | regex.S)
HTML_TAG = regex.compile(r"</?(?:p|div|article|section|span|a|br|h[1-6]|li|ul|table|td|main|header|footer|nav)\b[^<>]{0,500}>",
                         regex.I)
SNIFF_CHARS = 5000
MIN_TAGS = 5


def is_html(text: str, mode: str = "auto") -> bool:
    """Whether to treat ``text`` as HTML: ``always``/``never``, or sniffed (``auto``): it starts
    like an HTML document, or its start holds several block-level tags."""
    if mode != "auto":
        return mode == "always"
    head = text[:SNIFF_CHARS]
    if HTML_START.search(head):
        return True
    return len(HTML_TAG.findall(head, overlapped=False)) >= MIN_TAGS


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page, one block per line, and the metadata trafilatura found
    (``title``, ``author``, ``published``, ``source``)."""
    from trafilatura import bare_extraction

    result = bare_extraction(html, include_comments=False, include_tables=True,
                             favor_recall=True, with_metadata=True)
    if result is None:
        return "", {}
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    meta = {"title": data.get("title"), "author": data.get("author"),
            "published": data.get("date"), "source": data.get("sitename")}
    return text, {k: v for k, v in meta.items() if v}
