#!/usr/bin/env python3
"""Build a held-out check from pages of sites outside eval-dev: the test pages that five
extraction libraries ship in their source releases on PyPI.

    python scripts/build_heldout.py OUT            # downloads the five sdists with pip
    python scripts/build_heldout.py OUT --sdists DIR   # or reads them from DIR
    cleaner eval OUT/*-page OUT/*-region OUT/*-html

- ``news-*``: newspaper4k 0.9.6's ``tests/data`` (news pages from CNN, Wired, Time, Fox 13, BBC
  Burmese, Yonhap, Chinese, Japanese, Thai, Arabic, Latvian and Spanish sites, 2013-2023), with
  its expected article text as the gold body.
- ``traf-*``: trafilatura 1.1.0's ``tests/cache`` (news sites, blogs, institutions; mostly German
  and English), with trafilatura's own extraction of each page as the gold body: a pseudo-gold
  (it keeps some residue and misses some text), good for finding what the cleaner loses, not for
  its precision. Beside them, ``expected.json`` holds what people wrote down for those pages:
  the strings that ``tests/realworld_tests.py`` asserts are ``in`` / ``not in`` the extraction
  (``must_keep`` / ``must_remove``), which ``cleaner eval`` checks.
- ``ae-*``: article-extractor 0.5.9's ``tests/fixtures/fullpage_to_article_html`` (28 pages of
  2026 from blogs and news sites: The Local Denmark, MIT Technology Review, InfoWorld, LeadDev,
  The Marginalian, martinfowler.com, simonwillison.net, ...; rendered in a browser), with the
  text of its expected article HTML (a curated selector's element, cleaned by hand; it still
  holds some residue: reading times, tags, a paywall's prompt) as the gold body.
- ``w2t-*``: webarticle2text 3.0.2's ``fixtures/compare`` (five US news pages of May 2017: CNN,
  Fox News, NBC, Reuters, Time), with its hand-made expected text (the body on one line, no
  paragraph breaks; fine for the token scores) as the gold body.
- ``dd-*``: domdown 0.3.6's ``tests/real`` (security and technology blogs and news of 2023-2026:
  404 Media, Ars Technica, Okta, Elastic, Fortinet, a Korean Tistory blog, ...), with the text of
  domdown's curated Markdown snapshot (front matter, link targets and images left out) as the
  gold body: the tool's own output, checked by its author; the pages that are no article (a
  GitHub release, issue and file, arXiv, Wikipedia, MITRE ATT&CK) are left out.

``*-page`` holds the visible text of the whole page (block elements one per line, as a
browser's text dump), ``*-region`` that of the smallest element holding nine tenths of the gold
body's long lines (the article's container, as eval-dev's ``region``), ``*-html`` the page's
HTML itself (the cleaner's HTML input: trafilatura's extraction, then the cleaning). The pages stay out of
the repository (they belong to their sites); this script rebuilds them.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.decode import decode_bytes

SDISTS = {"newspaper4k": "0.9.6", "trafilatura": "1.1.0", "article-extractor": "0.5.9",
          "webarticle2text": "3.0.2", "domdown": "0.3.6"}
NOT_ARTICLES = ("node_release", "github_", "arxiv_", "wikipedia_", "mitre_attack")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$", re.M)
MARKDOWN_MARKS = re.compile(r"^\s*(?:#{1,6}|>|[-*+]|\d+\.)\s+|\*\*|__|`+|^\s*\||\|\s*$", re.M)
BLOCK_TAGS = frozenset(
    "p div section article header footer aside nav ul ol li h1 h2 h3 h4 h5 h6 table tr td th "
    "blockquote figure figcaption br pre form main dl dt dd".split())
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})
SPACES = re.compile(r"\s+")
MIN_GOLD_CHARS = 300
REGION_SHARE = 0.9


def visible_text(element) -> str:
    """The text of ``element`` as a browser shows it: block elements on lines of their own,
    runs of white space as one space, scripts and styles left out."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in SKIPPED_TAGS:
            if node.tail:
                parts.append(SPACES.sub(" ", node.tail))
            return
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if node.text and tag:
            parts.append(SPACES.sub(" ", node.text))
        for child in node:
            walk(child)
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if node.tail:
            parts.append(SPACES.sub(" ", node.tail))

    walk(element)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def region_of(body, gold: str):
    """The smallest element of ``body`` whose text holds ``REGION_SHARE`` of the gold body's
    lines of more than 30 characters (their first 60), or None."""
    lines = [" ".join(line.split())[:60] for line in gold.splitlines() if len(line.strip()) > 30]
    if not lines:
        return None
    best = None
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
            continue
        text = element.text_content()
        if len(text) < 0.8 * len(gold) or (best is not None and len(text) >= best[0]):
            continue
        flat = " ".join(text.split())
        if sum(line in flat for line in lines) >= REGION_SHARE * len(lines):
            best = (len(text), element)
    return best[1] if best else None


def write_case(out: Path, variant: str, case_id: str, raw: str, gold: str) -> None:
    """One case of eval-dev's layout: ``OUT/variant/ID.raw.txt`` and ``ID.gold.txt``."""
    folder = out / variant
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{case_id}.raw.txt").write_text(raw + "\n", encoding="utf-8")
    (folder / f"{case_id}.gold.txt").write_text(gold.strip() + "\n", encoding="utf-8")


def add_pages(out: Path, prefix: str, pages: list[tuple[str, str, str]]) -> int:
    """Write the page, region and HTML cases of ``pages`` (id, html, gold); the number of pages."""
    from lxml import html as lxml_html

    count = 0
    for case_id, page, gold in pages:
        if len(gold.strip()) < MIN_GOLD_CHARS:
            continue
        root = lxml_html.fromstring(page)
        body = root.find("body") if root.find("body") is not None else root
        write_case(out, f"{prefix}-page", case_id, visible_text(body), gold)
        write_case(out, f"{prefix}-html", case_id, page, gold)
        region = region_of(body, gold)
        if region is not None:
            write_case(out, f"{prefix}-region", case_id, visible_text(region), gold)
        count += 1
    return count


def newspaper_pages(sdist: Path) -> list[tuple[str, str, str]]:
    """(id, html, expected text) of newspaper4k's test pages that have an expected text."""
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/tests/data/", 1)[1]: m for m in archive.getmembers() if "/tests/data/" in m.name}
        pages = []
        for name, member in sorted(members.items()):
            if name.startswith("txt/") and name.endswith(".txt"):
                stem = name[4:-4]
                html_member = members.get(f"html/{stem}.html")
                if html_member is not None:
                    gold = archive.extractfile(member).read().decode("utf-8")
                    pages.append((stem, decode_bytes(archive.extractfile(html_member).read()), gold))
    return pages


def trafilatura_pages(sdist: Path) -> list[tuple[str, str, str]]:
    """(id, html, trafilatura's extraction) of trafilatura's cached test pages."""
    import trafilatura

    with tarfile.open(sdist) as archive:
        pages = []
        for member in sorted(archive.getmembers(), key=lambda m: m.name):
            if "/tests/cache/" in member.name and member.name.endswith(".html"):
                page = decode_bytes(archive.extractfile(member).read())
                gold = trafilatura.extract(page, include_comments=False, include_tables=True) or ""
                pages.append((case_id_of(member.name), page, gold))
    return pages


def article_extractor_pages(sdist: Path) -> list[tuple[str, str, str]]:
    """(id, html, text of the expected article HTML) of article-extractor's page fixtures."""
    from lxml import html as lxml_html

    with tarfile.open(sdist) as archive:
        pages = []
        for name, page, expected in sibling_pairs(archive, "/fullpage_to_article_html/", "/raw.html", "/expected.html"):
            folder = name.split("/fullpage_to_article_html/", 1)[1].rsplit("/", 1)[0]
            gold = visible_text(lxml_html.fromstring(decode_bytes(archive.extractfile(expected).read())))
            pages.append((folder.replace("/", "_").replace(".", "_"), decode_bytes(archive.extractfile(page).read()), gold))
    return pages


def webarticle2text_pages(sdist: Path) -> list[tuple[str, str, str]]:
    """(id, html, expected text) of webarticle2text's comparison pages."""
    with tarfile.open(sdist) as archive:
        return [(Path(name).stem, decode_bytes(archive.extractfile(page).read()),
                 archive.extractfile(expected).read().decode("utf-8"))
                for name, page, expected in sibling_pairs(archive, "/fixtures/compare/", ".html", ".expected.txt")]


def sibling_pairs(archive: tarfile.TarFile, marker: str, page_end: str,
                  expected_end: str) -> list[tuple[str, tarfile.TarInfo, tarfile.TarInfo]]:
    """The members under ``marker`` whose names end in ``page_end`` and that have a sibling
    named alike but ending in ``expected_end``: (page's name, page, expected), by name."""
    members = {m.name: m for m in archive.getmembers() if marker in m.name}
    return [(name, member, members[name[:-len(page_end)] + expected_end])
            for name, member in sorted(members.items())
            if name.endswith(page_end) and name[:-len(page_end)] + expected_end in members]


def markdown_text(markdown: str) -> str:
    """The text of a Markdown snapshot: front matter, images, link targets, table rules and the
    marks of headings, lists, quotes, bold and code out."""
    text = MARKDOWN_LINK.sub(r"\1", MARKDOWN_IMAGE.sub("", FRONT_MATTER.sub("", markdown)))
    return MARKDOWN_MARKS.sub("", TABLE_RULE.sub("", text))


def domdown_pages(sdist: Path) -> list[tuple[str, str, str]]:
    """(id, html, text of the Markdown snapshot) of domdown's real-page cases that are articles."""
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/tests/real/", 1)[1]: m for m in archive.getmembers() if "/tests/real/" in m.name}
        manifest = json.loads(archive.extractfile(members["manifest.json"]).read().decode("utf-8"))
        pages = []
        for case in manifest["cases"]:
            if case["id"].startswith(NOT_ARTICLES) or case["html"] not in members or case["markdown"] not in members:
                continue
            gold = markdown_text(archive.extractfile(members[case["markdown"]]).read().decode("utf-8"))
            pages.append((case["id"], decode_bytes(archive.extractfile(members[case["html"]]).read()), gold))
    return pages


def case_id_of(file_name: str) -> str:
    """The case id of a cached page's file name ("heise.de.lithium.html" -> "heise_de_lithium")."""
    return Path(file_name).stem.replace(".", "_")


def asserted_snippets(test_source: str) -> dict[str, dict[str, list[str]]]:
    """``must_keep`` / ``must_remove`` by case id: the string constants that the asserts of
    trafilatura's ``realworld_tests.py`` put ``in`` / ``not in`` the ``result`` of the last
    ``load_mock_page(URL, ...)`` before them (``MOCK_PAGES`` maps URLs to cached files). Only
    conjunctions count (an ``or`` leaves its strings out); markup is left out."""
    tree = ast.parse(test_source)
    pages: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "MOCK_PAGES" for t in node.targets):
            pages = ast.literal_eval(node.value)
    found: dict[str, dict[str, list[str]]] = {}

    def conjuncts(test: ast.expr):
        if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
            for value in test.values:
                yield from conjuncts(value)
        elif isinstance(test, ast.Compare) and len(test.ops) == 1:
            yield test

    def visit(statements: list[ast.stmt], current: list[str | None]) -> None:
        for statement in statements:
            if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call) \
                    and getattr(statement.value.func, "id", "") == "load_mock_page" and statement.value.args:
                url = statement.value.args[0]
                current[0] = pages.get(url.value) if isinstance(url, ast.Constant) else None
            elif isinstance(statement, ast.Assert) and current[0]:
                entry = found.setdefault(case_id_of(current[0]), {"must_keep": [], "must_remove": []})
                for compare in conjuncts(statement.test):
                    left, right, op = compare.left, compare.comparators[0], compare.ops[0]
                    if isinstance(left, ast.Constant) and isinstance(left.value, str) and "<" not in left.value \
                            and getattr(right, "id", "") == "result" and isinstance(op, (ast.In, ast.NotIn)):
                        entry["must_keep" if isinstance(op, ast.In) else "must_remove"].append(left.value)
            for field in ("body", "orelse"):
                inner = getattr(statement, field, None)
                if isinstance(inner, list):
                    visit(inner, current)

    visit(tree.body, [None])
    return {case: entry for case, entry in found.items() if entry["must_keep"] or entry["must_remove"]}


def trafilatura_snippets(sdist: Path) -> dict[str, dict[str, list[str]]]:
    """``asserted_snippets`` of the ``tests/realworld_tests.py`` in trafilatura's sdist."""
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            if member.name.endswith("/tests/realworld_tests.py"):
                return asserted_snippets(archive.extractfile(member).read().decode("utf-8"))
    return {}


def write_snippets(folder: Path, snippets: dict[str, dict[str, list[str]]]) -> int:
    """``folder/expected.json``: the snippets of the cases ``folder`` holds; how many cases.
    The tests extract with comments, the gold bodies without: a ``must_keep`` snippet that the
    case's gold body lacks is a reader's comment (or text trafilatura now misses), left out."""
    held = {}
    for case, entry in sorted(snippets.items()):
        gold_path = folder / f"{case}.gold.txt"
        if gold_path.is_file():
            gold = SPACES.sub(" ", gold_path.read_text(encoding="utf-8"))
            keep = [s for s in entry["must_keep"] if SPACES.sub(" ", s) in gold]
            if keep or entry["must_remove"]:
                held[case] = {"must_keep": keep, "must_remove": entry["must_remove"]}
    if held:
        (folder / "expected.json").write_text(json.dumps(held, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
    return len(held)


def fetch(folder: Path) -> dict[str, Path]:
    """The sdists in ``folder``, downloaded with pip when missing."""
    found = {}
    for name, version in SDISTS.items():
        path = folder / f"{name.replace('-', '_')}-{version}.tar.gz"
        if not path.exists():
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                            "--dest", str(folder), f"{name}=={version}"], check=True)
        found[name] = path
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the fifteen variants into")
    parser.add_argument("--sdists", type=Path, help="folder holding (or to hold) the five sdists")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        sdists = fetch(args.sdists or Path(scratch))
        news = add_pages(args.out, "news", newspaper_pages(sdists["newspaper4k"]))
        traf = add_pages(args.out, "traf", trafilatura_pages(sdists["trafilatura"]))
        snippets = trafilatura_snippets(sdists["trafilatura"])
        checked = [write_snippets(args.out / variant, snippets) for variant in ("traf-page", "traf-region", "traf-html")]
        fixtures = add_pages(args.out, "ae", article_extractor_pages(sdists["article-extractor"]))
        compared = add_pages(args.out, "w2t", webarticle2text_pages(sdists["webarticle2text"]))
        snapshots = add_pages(args.out, "dd", domdown_pages(sdists["domdown"]))
    print(f"{news} newspaper4k pages, {traf} trafilatura pages ({checked[0]} with snippets), "
          f"{fixtures} article-extractor pages, {compared} webarticle2text pages, {snapshots} domdown pages "
          f"-> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
