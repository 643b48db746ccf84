"""scripts/probe_real_articles.py on a corpus of one article: it counts documents and kept lines."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "probe_real_articles.py"
PROBE = json.loads((Path(__file__).parent / "data" / "residue_probe.json").read_text(encoding="utf-8"))


def load_script():
    spec = importlib.util.spec_from_file_location("probe_real_articles", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_probe_counts_documents_and_the_residue_it_leaves(tmp_path, capsys, monkeypatch):
    article = PROBE["articles"]["en"]  # six paragraphs
    extra = ["The council will meet again on Thursday to discuss the transport plan and the new bus routes.",
             "Officials said the first new buses could arrive before the end of next year if the vote holds."]
    body = [*article, *extra]
    (tmp_path / "region").mkdir()
    (tmp_path / "region" / "a1.gold.txt").write_text("\n".join(body), encoding="utf-8")
    (tmp_path / "region" / "b2.gold.txt").write_text("\n".join(body), encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(
        json.dumps({"variant": "region", "id": "a1", "lang": "en"}) + "\n"
        + json.dumps({"variant": "region", "id": "b2", "lang": "de"}) + "\n", encoding="utf-8")
    script = load_script()
    assert script.english_bodies(tmp_path) == [body]  # the German case is left out
    monkeypatch.setattr("sys.argv", ["probe_real_articles.py", str(tmp_path), "--seed", "3"])
    assert script.main() == 0
    residue_line, cut_line = capsys.readouterr().out.splitlines()
    # every line of the residue probe goes from between the paragraphs (the probe's own test)
    assert residue_line == "residue: 3 documents, 0 of 9 inserted lines kept, 0 documents lost a paragraph"
    assert cut_line.startswith(f"cut markers: {len(script.CUT_MARKERS)} documents, ")
