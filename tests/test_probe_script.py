"""scripts/probe_real_articles.py on a corpus of one article: it counts documents and kept lines."""

from __future__ import annotations

import json
from pathlib import Path

from scripts_loader import load_script

PROBE = json.loads((Path(__file__).parent / "data" / "residue_probe.json").read_text(encoding="utf-8"))


ASTRONOMY = [
    "Astronomers have found water vapour in the atmosphere of a planet that orbits a small star far away.",
    "The telescope measured starlight passing through the planet's atmosphere during eight transits.",
    "Whether the planet could hold liquid oceans is unknown, because its mass suggests a thick envelope of gas.",
    "The team wrote in their paper that the signal was strong enough to rule out an instrument error.",
    "Other researchers said the finding would need to be confirmed by the next generation of telescopes.",
    "The star is a red dwarf, smaller and cooler than the Sun, and flares often, which could strip atmospheres.",
    "Planets around such stars are the easiest to study because they pass in front of them so often.",
    "The group plans to observe the planet again next year with a spectrograph on a larger telescope.",
]



def test_the_probe_counts_documents_and_the_residue_it_leaves(tmp_path, capsys, monkeypatch):
    article = PROBE["articles"]["en"]  # six paragraphs
    extra = ["The council will meet again on Thursday to discuss the transport plan and the new bus routes.",
             "Officials said the first new buses could arrive before the end of next year if the vote holds."]
    body = [*article, *extra]
    (tmp_path / "region").mkdir()
    (tmp_path / "region" / "a1.gold.txt").write_text("\n".join(body), encoding="utf-8")
    (tmp_path / "region" / "b2.gold.txt").write_text("\n".join(body), encoding="utf-8")
    (tmp_path / "region" / "c3.gold.txt").write_text("\n".join(ASTRONOMY), encoding="utf-8")
    # the pages print each story under its head: headline, byline, date
    (tmp_path / "region" / "a1.raw.txt").write_text(
        "\n".join(["Council Backs New Bus Routes", "", "By Jane Doe", *body]), encoding="utf-8")
    (tmp_path / "region" / "c3.raw.txt").write_text(
        "\n".join(["Water Found on a Faraway Planet", "By John Smith", "Nov. 20, 2019", *ASTRONOMY]), encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(
        "".join(json.dumps({"variant": "region", "id": i, "lang": lang}) + "\n"
                for i, lang in (("a1", "en"), ("b2", "de"), ("c3", "en"))), encoding="utf-8")
    script = load_script("probe_real_articles")
    assert script.english_bodies(tmp_path) == [body, ASTRONOMY]  # the German case is left out
    assert script.story_heads(tmp_path, [body, ASTRONOMY]) == [
        ["Council Backs New Bus Routes", "By Jane Doe"],
        ["Water Found on a Faraway Planet", "By John Smith", "Nov. 20, 2019"]]
    # the draws follow the residue list: fixed at the probe's first 1,487 lines (its state of the
    # fifteenth session), so that lines joining the probe do not move them (the probe's own test
    # checks every line)
    frozen = tmp_path / "residue_probe.json"
    frozen.write_text(json.dumps({**PROBE, "residue": PROBE["residue"][:1487]}), encoding="utf-8")
    monkeypatch.setattr(script, "PROBE", frozen)
    monkeypatch.setattr("sys.argv", ["probe_real_articles.py", str(tmp_path), "--seed", "3"])
    assert script.main() == 0
    residue_line, cut_line, story_line = capsys.readouterr().out.splitlines()
    # every line of the residue probe goes from between the paragraphs (the probe's own test)
    assert residue_line == "residue: 6 documents, 0 of 18 inserted lines kept, 0 documents lost a paragraph"
    assert cut_line.startswith(f"cut markers: {2 * len(script.CUT_MARKERS)} documents, ")
    # each body's other story is the other body, on another subject: the button cuts it away
    n = 2 * len(script.BUTTONS)
    assert story_line == (f"another story after a comments button: random story kept in 0 of {n} documents, "
                          f"nearest story kept in 0 of {n} documents, "
                          f"nearest with its head story kept in 0 of {n} documents")
