"""The rule-authoring loop: ``cleaner rules new`` and ``cleaner rules test`` on the fixture corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.errors import RuleError
from cleaner.rule_authoring import (
    Case,
    CorpusError,
    corpus_report,
    load_corpus,
    load_rule_path,
    prf,
    write_skeleton,
)

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
PROMO = "Harbour Gazette Alerts: sailing times, tides and road closures first. Text HARBOUR to 80150."

GOOD_RULE = """\
id: harbour-gazette-alerts
kind: ui
scope: line
where: anywhere
languages: [en]
description: The Harbour Gazette's promotion of its text-message alerts, printed between paragraphs.
pattern: '(?i)harbour gazette alerts\\s*:.{0,120}'
examples:
  match:
    - "Harbour Gazette Alerts: sailing times, tides and road closures first. Text HARBOUR to 80150."
    - "Harbour Gazette alerts: the news as it happens. Text NEWS to 80150."
  no_match:
    - "Anyone who signs up will receive a text message or a phone call."
    - "The Harbour Gazette alerts readers to road closures on its website."
"""

GREEDY_RULE = """\
id: text-anything
kind: ui
scope: line
description: Any line that mentions texting.
pattern: '(?i).*\\btext\\b.*'
examples:
  match: ["Text NEWS to 80150", "Get alerts by text"]
  no_match: ["Follow us on Facebook", "Sign up for our newsletter"]
"""


def new_rule(tmp_path: Path, kind: str, rule_id: str, text: str) -> Path:
    """A rule written the way the loop starts: the skeleton from ``rules new``, then filled in."""
    assert main(["rules", "new", kind, rule_id, "--dir", str(tmp_path)]) == 0
    path = tmp_path / kind / f"{rule_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def promo_lines_in_corpus() -> int:
    return sum(p.read_text(encoding="utf-8").count(PROMO) for p in CORPUS.rglob("*.raw.txt"))


# -- rules new ----------------------------------------------------------------------------------
def test_new_writes_a_skeleton_with_every_field_that_loads(tmp_path, capsys):
    assert main(["rules", "new", "ui", "site-promo", "--dir", str(tmp_path)]) == 0
    path = tmp_path / "ui" / "site-promo.yaml"
    assert f"wrote {path}" in capsys.readouterr().out
    [rule] = load_rule_path(path)
    assert (rule.id, rule.kind, rule.scope, rule.where) == ("site-promo", "ui", "line", "anywhere")
    text = path.read_text(encoding="utf-8")
    for field in ("description:", "pattern:", "languages:", "match:", "no_match:"):
        assert field in text


def test_a_fresh_skeleton_fails_its_test_until_filled_in(tmp_path, capsys):
    assert main(["rules", "new", "ui", "site-promo", "--dir", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["rules", "test", str(tmp_path / "ui" / "site-promo.yaml"), "--no-color"]) == 1
    out = capsys.readouterr().out
    assert "still has TODO placeholders in: description, pattern, examples" in out
    assert "does not match its example" in out


def test_new_refuses_to_overwrite_an_existing_rule(tmp_path, capsys):
    path = new_rule(tmp_path, "ui", "site-promo", GOOD_RULE.replace("harbour-gazette-alerts", "site-promo"))
    before = path.read_text(encoding="utf-8")
    assert main(["rules", "new", "ui", "site-promo", "--dir", str(tmp_path)]) == 1
    assert main(["rules", "new", "advertisement", "site-promo", "--dir", str(tmp_path)]) == 1
    assert "exists already" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before
    assert not (tmp_path / "advertisement").exists()


@pytest.mark.parametrize(("kind", "rule_id"), [("UI", "ok-id"), ("ui-2", "ok-id"), ("", "ok-id"),
                                               ("ui", "Bad_Id"), ("ui", "-dash"), ("ui", "x"),
                                               ("ui", "../escape"), ("ui", "a b")])
def test_new_validates_kind_and_id(tmp_path, kind, rule_id):
    with pytest.raises(RuleError):
        write_skeleton(tmp_path, kind, rule_id)
    assert list(tmp_path.iterdir()) == []


def test_new_notes_a_kind_no_rule_or_detector_removes_yet(tmp_path, capsys):
    assert main(["rules", "new", "paywall", "site-paywall", "--dir", str(tmp_path)]) == 0
    assert "'paywall' is a new kind" in capsys.readouterr().out
    assert main(["rules", "new", "ui", "site-share", "--dir", str(tmp_path)]) == 0
    assert "new kind" not in capsys.readouterr().out


# -- rules test: examples -----------------------------------------------------------------------
def test_rules_test_runs_the_examples_of_a_file(tmp_path, capsys):
    path = new_rule(tmp_path, "ui", "harbour-gazette-alerts", GOOD_RULE)
    assert main(["rules", "test", str(path)]) == 0
    assert "1 rules valid, 4 examples, 0 problems" in capsys.readouterr().out
    path.write_text(GOOD_RULE.replace("Harbour Gazette alerts: the news", "Gazette alerts: the news"), encoding="utf-8")
    assert main(["rules", "test", str(path)]) == 1
    assert "does not match its example 'Gazette alerts: the news" in capsys.readouterr().out


def test_rules_test_reports_an_invalid_rule_by_file_and_field(tmp_path, capsys):
    path = tmp_path / "broken.yaml"
    path.write_text(GOOD_RULE.replace("scope: line", "scope: paragraph"), encoding="utf-8")
    assert main(["rules", "test", str(path)]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml" in err and "field 'scope'" in err
    assert main(["rules", "test", str(tmp_path / "notes.txt")]) == 1


# -- rules test: the corpus report --------------------------------------------------------------
def test_a_good_rule_removes_residue_only_and_raises_f1(tmp_path, capsys):
    path = new_rule(tmp_path, "ui", "harbour-gazette-alerts", GOOD_RULE)
    assert main(["rules", "test", str(path), "--corpus", str(CORPUS), "--no-color"]) == 0
    out = capsys.readouterr().out
    assert f"removes {promo_lines_in_corpus()} blocks" in out
    assert "0 contain gold article text" in out and "FLAGGED" not in out

    report = corpus_report(load_rule_path(path), load_corpus(CORPUS))
    [result] = report.rules
    assert result.blocks == promo_lines_in_corpus() > 0
    assert result.false_removals == ()
    assert report.f1_with > report.f1_without
    assert f"({report.f1_change:+.4f})" in out


def test_a_greedy_rule_is_flagged_with_the_article_text_it_removes(tmp_path, capsys):
    path = new_rule(tmp_path, "ui", "text-anything", GREEDY_RULE)
    assert main(["rules", "test", str(path), "--corpus", str(CORPUS), "--color"]) == 1
    out = capsys.readouterr().out
    assert "\x1b[1;31mFLAGGED: 1 contain gold article text" in out

    report = corpus_report(load_rule_path(path), load_corpus(CORPUS))
    [result] = report.rules
    [false] = result.false_removals
    gold = (CORPUS / "region" / "harbour-flood-alerts.gold.txt").read_text(encoding="utf-8")
    assert false.case == "region/harbour-flood-alerts"
    assert false.text in gold and "text message" in false.text
    assert false.before.endswith("Text HARBOUR to 80150.")  # the input just before it, as context
    assert false.text in out and false.after in out


def test_colour_only_when_asked_or_on_a_terminal(tmp_path, capsys):
    path = new_rule(tmp_path, "ui", "text-anything", GREEDY_RULE)
    assert main(["rules", "test", str(path), "--corpus", str(CORPUS)]) == 1  # captured: no TTY
    out = capsys.readouterr().out
    assert "FLAGGED" in out and "\x1b[" not in out


def test_a_folder_of_rules_is_reported_rule_by_rule(tmp_path, capsys):
    new_rule(tmp_path, "ui", "harbour-gazette-alerts", GOOD_RULE)
    new_rule(tmp_path, "ui", "text-anything", GREEDY_RULE)
    report = corpus_report(load_rule_path(tmp_path), load_corpus(CORPUS))
    by_id = {r.rule.id: r for r in report.rules}
    assert set(by_id) == {"harbour-gazette-alerts", "text-anything"}
    assert [r.rule.id for r in report.flagged] == ["text-anything"]
    # Together, the good rule takes the promo lines first; the greedy one still removes gold.
    assert by_id["text-anything"].false_removals
    assert main(["rules", "test", str(tmp_path), "--corpus", str(CORPUS), "--no-color"]) == 1
    out = capsys.readouterr().out
    assert "text-anything: removes article text on the corpus" in out


def test_corpus_problems_are_clear_errors(tmp_path, capsys):
    path = new_rule(tmp_path / "rules", "ui", "harbour-gazette-alerts", GOOD_RULE)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with pytest.raises(CorpusError, match="no cases"):
        load_corpus(corpus)
    (corpus / "a.raw.txt").write_text("Some text.", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no gold body a\.gold\.txt"):
        load_corpus(corpus)
    assert main(["rules", "test", str(path), "--corpus", str(corpus)]) == 1
    assert "cleaner: error:" in capsys.readouterr().err
    assert main(["rules", "test", str(path), "--corpus", str(tmp_path / "missing")]) == 1


def test_a_case_the_cleaner_fails_on_is_scored_empty_not_dropped(tmp_path):
    path = new_rule(tmp_path / "rules", "ui", "harbour-gazette-alerts", GOOD_RULE)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.raw.txt").write_text("   \n", encoding="utf-8")
    (corpus / "empty.gold.txt").write_text("Article.", encoding="utf-8")
    (corpus / "ok.raw.txt").write_text(PROMO + "\nThe article.\n", encoding="utf-8")
    (corpus / "ok.gold.txt").write_text("The article.\n", encoding="utf-8")
    report = corpus_report(load_rule_path(path), load_corpus(corpus))
    assert report.cases == 2
    assert [f.split(":")[0] for f in report.failures] == ["empty"]
    assert report.f1_with == pytest.approx(0.5)  # ok scores 1, empty scores 0


# -- the pieces ---------------------------------------------------------------------------------
def test_prf_is_the_token_overlap_of_the_scorer():
    assert prf("a b c", "a b d") == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert prf("Word word", "word") == pytest.approx((0.5, 1.0, 2 / 3))  # case-sensitive, bags
    assert prf("", "") == (1.0, 1.0, 1.0)
    assert prf("", "gold") == (0.0, 0.0, 0.0)


def test_what_counts_as_gold_text():
    gold = "The mayor opened the new bridge on Monday after three years of building work.\nThanks\n"
    case = Case("x", raw="", gold=gold)
    assert case.holds_gold_text("The mayor opened the new bridge on Monday after three years")
    assert case.holds_gold_text("Related: the mayor opened the new bridge on Monday after three years of delays")
    assert case.holds_gold_text("  Thanks ")  # a whole gold line, however short
    assert not case.holds_gold_text("Share")
    assert not case.holds_gold_text("Monday")  # a lone word that also occurs in the article
    assert not case.holds_gold_text("Follow the mayor on Facebook for updates on the bridge")
