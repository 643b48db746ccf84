"""scripts/build_heldout.py on five small source archives laid out as the real ones (no network)."""

from __future__ import annotations

import io
import json
import tarfile

from scripts_loader import load_script

PARAGRAPHS = [
    "The city council voted on Tuesday to approve a new budget that increases spending on schools and roads.",
    "Members debated the plan for more than four hours before the final vote, which passed by five to four.",
    "Critics said the budget relies on optimistic revenue forecasts, while supporters called it overdue.",
    "The mayor is expected to sign the measure later this week, according to a spokesperson for the city.",
]
PAGE = ("<html><head><title>Council</title><script>var x = 1;</script></head><body>"
        "<nav><ul><li>Home</li><li>News</li><li>Sport</li></ul></nav>"
        "<article><h1>Council approves   the budget</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article><footer>Contact us <b>today</b></footer></body></html>")


REALWORLD_TESTS = """
MOCK_PAGES = {
'https://example.org/council': 'example.org.council.html',
'https://example.org/gone': 'example.org.gone.html',
}

def test_extract(xmloutput):
    result = load_mock_page('https://example.org/council', xmloutput)
    assert 'approve a new budget' in result and 'Contact us' not in result
    if xmloutput is False:
        assert 'passed by five to four' in result
    assert 'Home' not in result or 'Sport' in result
    assert 'Great post, thanks!' in result
    assert '<p>markup</p>' not in result
    result = load_mock_page('https://example.org/gone', xmloutput)
    assert 'no case for this page' in result
"""


def add(archive: tarfile.TarFile, name: str, text: str) -> None:
    data = text.encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


FIXTURES = "article_extractor-0.5.9/tests/fixtures/fullpage_to_article_html"


def add_fixture_archive(folder, pages: dict[str, tuple[str, str | None]]) -> None:
    """article-extractor's sdist with ``pages`` (folder -> raw HTML, expected HTML or None)."""
    with tarfile.open(folder / "article_extractor-0.5.9.tar.gz", "w:gz") as archive:
        add(archive, "article_extractor-0.5.9/README.md", "fixtures")
        for name, (raw, expected) in pages.items():
            add(archive, f"{FIXTURES}/{name}/raw.html", raw)
            if expected is not None:
                add(archive, f"{FIXTURES}/{name}/expected.html", expected)


def add_newer_archives(folder, snapshot: str = "") -> None:
    """webarticle2text's and domdown's sdists: one comparison page, and the ``snapshot``
    Markdown of one article and of one GitHub page (no article: no case)."""
    with tarfile.open(folder / "webarticle2text-3.0.2.tar.gz", "w:gz") as archive:
        add(archive, "webarticle2text-3.0.2/webarticle2text/fixtures/compare/page1.html", PAGE)
        add(archive, "webarticle2text-3.0.2/webarticle2text/fixtures/compare/page1.expected.txt", " ".join(PARAGRAPHS))
        add(archive, "webarticle2text-3.0.2/webarticle2text/fixtures/compare/page1.goose.actual.txt", "other tool")
    manifest = {"version": 1, "cases": [
        {"id": "example_council", "html": "html/council.html", "markdown": "raw/council.md"},
        {"id": "github_issue_1", "html": "html/issue.html", "markdown": "raw/issue.md"}]}
    with tarfile.open(folder / "domdown-0.3.6.tar.gz", "w:gz") as archive:
        add(archive, "domdown-0.3.6/tests/real/manifest.json", json.dumps(manifest))
        for name in ("council", "issue"):
            add(archive, f"domdown-0.3.6/tests/real/html/{name}.html", PAGE)
            add(archive, f"domdown-0.3.6/tests/real/raw/{name}.md", snapshot)


def test_markdown_text_keeps_the_words_and_leaves_out_markup_and_link_targets():
    script = load_script("build_heldout")
    markdown = ('---\ntitle: "Council"\nlanguage: en\n---\n## The **vote**\n\n'
                "The [council](https://example.org/council) voted. ![A chart](chart.png)\n\n"
                "- `loader.js` was seen\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert script.markdown_text(markdown).split() == [
        "The", "vote", "The", "council", "voted.", "loader.js", "was", "seen", "a", "|", "b", "1", "|", "2"]


def test_visible_text_puts_blocks_on_lines_and_leaves_scripts_out():
    from lxml import html

    script = load_script("build_heldout")
    text = script.visible_text(html.fromstring(PAGE).find("body"))
    assert text.splitlines()[:4] == ["Home", "News", "Sport", "Council approves the budget"]
    assert "var x" not in text and "Contact us today" in text.splitlines()


def test_the_region_is_the_smallest_element_holding_the_gold_body():
    from lxml import html

    script = load_script("build_heldout")
    region = script.region_of(html.fromstring(PAGE).find("body"), "\n".join(PARAGRAPHS))
    assert region.tag == "article"


def test_both_archives_give_page_and_region_cases(tmp_path):
    script = load_script("build_heldout")
    with tarfile.open(tmp_path / "newspaper4k-0.9.6.tar.gz", "w:gz") as archive:
        add(archive, "newspaper4k-0.9.6/tests/data/html/council.html", PAGE)
        add(archive, "newspaper4k-0.9.6/tests/data/txt/council.txt", "\n\n".join(PARAGRAPHS))
        add(archive, "newspaper4k-0.9.6/tests/data/txt/no_page.txt", "\n\n".join(PARAGRAPHS))  # no page: no case
    with tarfile.open(tmp_path / "trafilatura-1.1.0.tar.gz", "w:gz") as archive:
        add(archive, "trafilatura-1.1.0/tests/cache/example.org.council.html", PAGE)
        add(archive, "trafilatura-1.1.0/tests/realworld_tests.py", REALWORLD_TESTS)
    expected = "<div id='articleBody'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>"
    add_fixture_archive(tmp_path, {"www.example.dk/council-budget": (PAGE, expected),
                                   "www.example.dk/no-expected": (PAGE, None)})  # no expected HTML: no case
    add_newer_archives(tmp_path, "---\ntitle: Council\n---\n" + "\n\n".join(f"**{p}**" for p in PARAGRAPHS))
    out = tmp_path / "out"
    assert script.main([str(out), "--sdists", str(tmp_path)]) == 0
    # webarticle2text's expected text (one line) is the gold; the other tools' outputs are no case
    assert sorted(p.name for p in (out / "w2t-page").iterdir()) == ["page1.gold.txt", "page1.raw.txt"]
    assert (out / "w2t-page" / "page1.gold.txt").read_text(encoding="utf-8") == " ".join(PARAGRAPHS) + "\n"
    # domdown's snapshot, as text, is the gold of its article; the GitHub page is no article
    assert sorted(p.name for p in (out / "dd-page").iterdir()) == [
        "example_council.gold.txt", "example_council.raw.txt"]
    assert (out / "dd-page" / "example_council.gold.txt").read_text(encoding="utf-8").split("\n\n") == [
        *PARAGRAPHS[:-1], PARAGRAPHS[-1] + "\n"]
    assert (out / "dd-region" / "example_council.raw.txt").read_text(
        encoding="utf-8").splitlines() == ["Council approves the budget", *PARAGRAPHS]
    assert sorted(p.name for p in (out / "news-page").iterdir()) == ["council.gold.txt", "council.raw.txt"]
    # article-extractor's expected article HTML, as text, is the gold body of its page
    assert sorted(p.name for p in (out / "ae-page").iterdir()) == [
        "www_example_dk_council-budget.gold.txt", "www_example_dk_council-budget.raw.txt"]
    assert (out / "ae-page" / "www_example_dk_council-budget.gold.txt").read_text(
        encoding="utf-8").splitlines() == PARAGRAPHS
    assert (out / "ae-region" / "www_example_dk_council-budget.raw.txt").read_text(
        encoding="utf-8").splitlines() == ["Council approves the budget", *PARAGRAPHS]
    region = (out / "news-region" / "council.raw.txt").read_text(encoding="utf-8").splitlines()
    assert region == ["Council approves the budget", *PARAGRAPHS]
    # the HTML case is the page itself, for the cleaner's HTML input
    assert (out / "news-html" / "council.raw.txt").read_text(encoding="utf-8") == PAGE + "\n"
    # trafilatura's own extraction is the pseudo-gold: it holds the article's paragraphs
    gold = (out / "traf-page" / "example_org_council.gold.txt").read_text(encoding="utf-8")
    assert all(p in gold for p in PARAGRAPHS)


def test_the_asserted_snippets_become_expected_json(tmp_path):
    script = load_script("build_heldout")
    snippets = script.asserted_snippets(REALWORLD_TESTS)
    # the or-assert and the markup are left out; each page gets the asserts after its load
    assert snippets["example_org_council"] == {
        "must_keep": ["approve a new budget", "passed by five to four", "Great post, thanks!"],
        "must_remove": ["Contact us"]}
    assert snippets["example_org_gone"] == {"must_keep": ["no case for this page"], "must_remove": []}
    with tarfile.open(tmp_path / "newspaper4k-0.9.6.tar.gz", "w:gz") as archive:
        add(archive, "newspaper4k-0.9.6/tests/data/txt/council.txt", "\n\n".join(PARAGRAPHS))
    with tarfile.open(tmp_path / "trafilatura-1.1.0.tar.gz", "w:gz") as archive:
        add(archive, "trafilatura-1.1.0/tests/cache/example.org.council.html", PAGE)
        add(archive, "trafilatura-1.1.0/tests/realworld_tests.py", REALWORLD_TESTS)
    add_fixture_archive(tmp_path, {})
    add_newer_archives(tmp_path)
    out = tmp_path / "out"
    assert script.main([str(out), "--sdists", str(tmp_path)]) == 0
    written = json.loads((out / "traf-page" / "expected.json").read_text(encoding="utf-8"))
    assert list(written) == ["example_org_council"]  # the page without a case is left out
    # the reader's comment is not in the gold body (an extraction without comments): left out
    assert written["example_org_council"]["must_keep"] == ["approve a new budget", "passed by five to four"]
    assert written == json.loads((out / "traf-region" / "expected.json").read_text(encoding="utf-8"))
    assert written == json.loads((out / "traf-html" / "expected.json").read_text(encoding="utf-8"))
