"""``cleaner eval`` and the metrics behind it, checked against the project's scorer."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from conftest import SEEDS

from cleaner.cli import main
from cleaner.evaluation import noise_and_content
from cleaner.rule_authoring import prf

SCORER = SEEDS.parent.parent / "shared" / "eval" / "score.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CASES = [
    ("Title\nBody one two.\nAdvertisement\nBody three.", "Body one two.\nBody three.", "Body one two.\nBody three."),
    ("a b c d\ne f", "a b", "a b c"),
    ("x y z", "", "x"),
    ("same same", "same", "same same"),
]


@pytest.mark.parametrize("raw, output, gold", CASES)
def test_metrics_equal_the_scorers(raw, output, gold):
    assert SCORER.is_file(), "../shared/eval/score.py must sit beside the clone"
    scorer = load_scorer()
    assert prf(output, gold) == pytest.approx(scorer.prf(output, gold))
    assert noise_and_content(raw, output, gold) == pytest.approx(scorer.noise_and_content(raw, output, gold))


def test_eval_prints_the_table_for_the_seeds(capsys):
    assert main(["eval", str(SEEDS)]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("| seeds"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == "5" and cells[2] == "1.000" and cells[-1] == "5"


def test_eval_json_and_worst(tmp_path, capsys):
    (tmp_path / "a.raw.txt").write_text(
        "Advertisement\nThe council approved the budget on Monday after a long debate about roads.\n", encoding="utf-8")
    (tmp_path / "a.gold.txt").write_text(
        "The council approved the budget on Monday after a long debate about roads.\n", encoding="utf-8")
    assert main(["eval", "--json", str(tmp_path)]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    assert row["exact"] is True and row["content_kept"] == 1.0 and row["noise_removed"] == 1.0
    assert main(["eval", "--worst", "1", str(tmp_path)]) == 0
    assert "lowest content kept" in capsys.readouterr().out


ARTICLE = ("The council approved the budget on Monday after a long debate about roads.\n"
           "Critics said the plan relies on optimistic forecasts of revenue from the new tax.\n")


def test_eval_checks_the_snippets_of_expected_json(tmp_path, capsys):
    (tmp_path / "a.raw.txt").write_text("Advertisement\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "a.gold.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "expected.json").write_text(json.dumps({"a": {
        "must_keep": ["approved  the budget", "not in the input at all"],  # spaces run together; absent: unchecked
        "must_remove": ["\nAdvertisement\n", "Advertisement", "optimistic forecasts"]}}), encoding="utf-8")
    assert main(["eval", "--json", str(tmp_path)]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    # "\nAdvertisement\n" is not in the input (the line opens it): only two are checked
    assert (row["keep_checked"], row["keep_missed"]) == (1, [])
    assert (row["remove_checked"], row["remove_missed"]) == (2, ["optimistic forecasts"])
    assert main(["eval", "--worst", "1", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"| {tmp_path.name} | 1/1 (1.000) | 1/2 (0.500) | 1 |" in out
    assert "left in: 'optimistic forecasts'" in out


def test_eval_with_a_broken_expected_json_is_an_error(tmp_path):
    (tmp_path / "a.raw.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.gold.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "expected.json").write_text('["not", "an object"]', encoding="utf-8")
    assert main(["eval", str(tmp_path)]) == 1


def test_eval_on_a_folder_without_cases_is_an_error(tmp_path):
    assert main(["eval", str(Path(tmp_path))]) == 1


def test_glue_runs_blocks_together_and_keeps_every_one_in_order():
    import random

    from cleaner.glued_eval import glue

    blocks = [f"Block number {i} of the page." for i in range(40)]
    text = "\n\n".join(blocks)
    glued = glue(text, random.Random(3))
    lines = glued.splitlines()
    assert " ".join(lines) == " ".join(blocks)
    assert len(lines) < len(blocks)
    assert max(len(line.split("Block number")) - 1 for line in lines) <= 4
    assert glue(text, random.Random(3)) == glued  # the same seed, the same set


def test_build_glues_the_cases_the_corpus_does_not_glue_already(tmp_path):
    from cleaner.glued_eval import build

    corpus = tmp_path / "corpus"
    (corpus / "page").mkdir(parents=True)
    manifest = []
    for case_id, style in (("a1", "lines"), ("b2", "glued"), ("c3", "blank")):
        (corpus / "page" / f"{case_id}.raw.txt").write_text("Menu\nHeadline\nFirst paragraph.\nSecond paragraph.\n")
        (corpus / "page" / f"{case_id}.gold.txt").write_text("First paragraph.\nSecond paragraph.\n")
        manifest.append(json.dumps({"variant": "page", "id": case_id, "style": style}))
    (corpus / "manifest.jsonl").write_text("\n".join(manifest) + "\n")
    counts = build(corpus, tmp_path / "out", ("page",), seed=1)
    assert counts == {"page": 2}
    assert sorted(p.name for p in (tmp_path / "out" / "page").iterdir()) == [
        "a1.gold.txt", "a1.raw.txt", "c3.gold.txt", "c3.raw.txt"]
    raw = (tmp_path / "out" / "page" / "a1.raw.txt").read_text()
    assert raw.split() == "Menu Headline First paragraph. Second paragraph.".split()
    assert (tmp_path / "out" / "page" / "a1.gold.txt").read_text() == "First paragraph.\nSecond paragraph.\n"
