"""The command line: clean, explain, rules list/check, and errors."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import SEEDS, normalise, read_seed

from cleaner.cli import main

SEED = "003_8d1f73bfa325e026"


def test_clean_prints_the_body(capsys):
    assert main(["clean", str(SEEDS / f"{SEED}.raw.txt")]) == 0
    assert normalise(capsys.readouterr().out) == normalise(read_seed(SEED, "gold"))


def test_clean_title_puts_the_headline_first(capsys):
    assert main(["clean", "--title", str(SEEDS / f"{SEED}.raw.txt")]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Russia claims it has regained full control of Kursk from Ukraine"


def test_clean_json_has_the_removals(capsys):
    assert main(["clean", "--json", str(SEEDS / f"{SEED}.raw.txt")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["metadata"] == {"author": "Ewan Somerville", "source": "BBC News"}
    assert {"ui", "caption", "metadata", "title"} <= {r["kind"] for r in data["removed"]}


def test_clean_reads_stdin():
    raw = (SEEDS / f"{SEED}.raw.txt").read_bytes()
    done = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-"], input=raw, capture_output=True)
    assert done.returncode == 0
    assert normalise(done.stdout.decode()) == normalise(read_seed(SEED, "gold"))


def test_explain_marks_each_removal_with_its_rule(capsys):
    assert main(["explain", "--no-color", str(SEEDS / f"{SEED}.raw.txt")]) == 0
    out = capsys.readouterr().out
    assert "[-Share Save-]{ui:share-bar-span}" in out
    assert "[-Ewan Somerville BBC News-]{metadata:byline-name-outlet}" in out
    assert "\x1b[" not in out


def test_explain_colours_on_request(capsys):
    assert main(["explain", "--color", str(SEEDS / f"{SEED}.raw.txt")]) == 0
    assert "\x1b[33mShare Save\x1b[0m" in capsys.readouterr().out


def test_disable_a_kind_from_the_command_line(capsys):
    assert main(["clean", "--disable", "advertisement", str(SEEDS / "002_f57957876d2b9527.raw.txt")]) == 0
    assert "Advertisement" in capsys.readouterr().out.splitlines()


def test_rules_list(capsys):
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert "advertisement-marker" in out and "comments-marker" in out


def test_rules_check_ok_and_failing(tmp_path, capsys):
    assert main(["rules", "check", str(SEEDS.parent / "rules")]) == 0
    (tmp_path / "bad.yaml").write_text(
        "id: bad\nkind: ui\nscope: line\npattern: 'Foo'\ndescription: d\n"
        "examples:\n  match: [Foo, Bar]\n  no_match: [Baz, Qux]\n", encoding="utf-8")
    assert main(["rules", "check", str(tmp_path)]) == 1
    assert "does not match its example 'Bar'" in capsys.readouterr().out


def test_bad_input_one_line_error_and_nonzero_exit(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    for argv in (["clean", str(empty)], ["clean", str(tmp_path / "missing.txt")]):
        done = subprocess.run([sys.executable, "-m", "cleaner", *argv], capture_output=True, text=True)
        assert done.returncode == 1
        assert done.stderr.startswith("cleaner: error:") and done.stderr.count("\n") == 1


def test_invalid_rules_folder_is_a_clean_error(tmp_path):
    (tmp_path / "x.yaml").write_text("id: x\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cleaner", "clean", "--rules", str(tmp_path),
                           str(SEEDS / f"{SEED}.raw.txt")], capture_output=True, text=True)
    assert done.returncode == 1 and "x.yaml" in done.stderr and "Traceback" not in done.stderr
