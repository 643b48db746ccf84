"""scripts/title_vs_slug.py: the slug's words, the match, and the counts on a small corpus."""

from __future__ import annotations

import json

from scripts_loader import load_script

PARAGRAPHS = [
    "The regional council approved the new transport budget on Monday after a long debate about schools and roads.",
    "Opposition members said the plan ignored rural areas and promised to challenge it in the spring session.",
]



def test_slug_words_come_from_the_most_hyphenated_segment():
    script = load_script("title_vs_slug")
    url = "https://example.com/news/2019/11/council-approves-transport-budget-14848164.php?ref=home"
    assert script.slug_words(url) == {"council", "approves", "transport", "budget", "14848164", "php"}
    assert script.slug_words("https://example.com/") == set()
    slug = {"council", "approves", "transport", "budget"}
    assert script.matches("Council approves budget", slug)  # three of four
    assert not script.matches("Weather warning for the weekend", slug)
    assert not script.matches(None, slug)


def test_the_script_counts_titles_that_match_their_slug(tmp_path, capsys, monkeypatch):
    (tmp_path / "region").mkdir()
    cases = {"a1": ("Council approves transport budget", "https://example.com/news/council-approves-transport-budget"),
             "b2": ("Council approves transport budget", "https://example.com/news/storm-closes-coastal-roads"),
             "c3": ("Council approves transport budget", "https://example.com/news/12345")}  # no slug
    for case_id, (headline, _) in cases.items():
        (tmp_path / "region" / f"{case_id}.raw.txt").write_text("\n".join([headline, *PARAGRAPHS]), encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(
        "".join(json.dumps({"variant": "region", "id": i, "url": url}) + "\n" for i, (_, url) in cases.items()),
        encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["title_vs_slug.py", str(tmp_path), "--variant", "region", "--misses"])
    assert load_script("title_vs_slug").main() == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["  miss region/b2: 'Council approves transport budget'",
                   "region: 1 of 2 titles hold half of their URL slug's words"]
