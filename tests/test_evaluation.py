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


def test_eval_on_a_folder_without_cases_is_an_error(tmp_path):
    assert main(["eval", str(Path(tmp_path))]) == 1
