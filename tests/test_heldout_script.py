"""scripts/build_heldout.py on two small source archives laid out as the real ones (no network)."""

from __future__ import annotations

import io
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


def add(archive: tarfile.TarFile, name: str, text: str) -> None:
    data = text.encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


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
    with tarfile.open(tmp_path / "trafilatura-0.9.3.tar.gz", "w:gz") as archive:
        add(archive, "trafilatura-0.9.3/tests/cache/example.org.council.html", PAGE)
    out = tmp_path / "out"
    assert script.main([str(out), "--sdists", str(tmp_path)]) == 0
    assert sorted(p.name for p in (out / "news-page").iterdir()) == ["council.gold.txt", "council.raw.txt"]
    region = (out / "news-region" / "council.raw.txt").read_text(encoding="utf-8").splitlines()
    assert region == ["Council approves the budget", *PARAGRAPHS]
    # trafilatura's own extraction is the pseudo-gold: it holds the article's paragraphs
    gold = (out / "traf-page" / "example_org_council.gold.txt").read_text(encoding="utf-8")
    assert all(p in gold for p in PARAGRAPHS)
