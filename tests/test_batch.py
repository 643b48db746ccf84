"""``cleaner batch``: every record in, one record out, in order; errors, formats, jobs, resume."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEEDS, seed_ids

import cleaner
import cleaner.engine
from cleaner.batch import BatchOptions, run_batch
from cleaner.cli import main
from cleaner.io import complete_lines

RAWS = [(SEEDS / f"{s}.raw.txt").read_text(encoding="utf-8") for s in seed_ids()]


def write_jsonl(path: Path, records: list[dict | bytes]) -> Path:
    """A JSONL file of ``records`` (dicts are dumped; bytes are written as the line)."""
    with open(path, "wb") as out:
        for record in records:
            out.write(record if isinstance(record, bytes) else json.dumps(record).encode() + b"\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.splitlines()]


def seed_records(copies: int = 1) -> list[dict]:
    return [{"id": f"doc-{n}-{i}", "text": raw, "lang": "en"}
            for n in range(copies) for i, raw in enumerate(RAWS)]


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", "batch", *args], input=stdin,
                          capture_output=True, timeout=300)


# -- results ---------------------------------------------------------------------------------------
def test_seeds_round_trip_through_jsonl(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", seed_records())
    summary = run_batch(str(source), str(tmp_path / "out.jsonl"), BatchOptions(id_field="id"), jobs=1)
    out = read_jsonl(tmp_path / "out.jsonl")
    assert len(out) == len(RAWS) == summary.documents and summary.errors == 0
    for record, raw in zip(out, RAWS, strict=True):
        expected = cleaner.clean(raw)
        assert record["clean_text"] == cleaner.clean_text(raw)
        assert record["text"] == raw and record["lang"] == "en"      # input fields kept
        assert record["title"] == expected.title
        assert record["metadata"] == expected.metadata
        assert record["removed"] == [r.as_dict() for r in expected.removed]
    assert summary.removed_chars == sum(len(r.text) for raw in RAWS for r in cleaner.clean(raw).removed) > 0


def test_no_removed_leaves_the_removals_out(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", seed_records())
    assert main(["batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--no-removed", "-j", "1"]) == 0
    out = read_jsonl(tmp_path / "out.jsonl")
    assert all("removed" not in r and "clean_text" in r for r in out)


def test_html_field_is_parsed_as_html_and_text_field_is_the_fallback(tmp_path):
    html = "<html><body><article><h1>Big news</h1>" + "".join(
        f"<p>Paragraph {i} of the story says something long enough to be prose, as articles do.</p>" for i in range(5)
    ) + "</article></body></html>"
    source = write_jsonl(tmp_path / "in.jsonl", [{"html": html}, {"text": RAWS[0]}])
    options = BatchOptions(html_field="html")
    run_batch(str(source), str(tmp_path / "out.jsonl"), options, jobs=1)
    out = read_jsonl(tmp_path / "out.jsonl")
    expected_html = cleaner.clean(html, config=cleaner.Config(html_mode="always"))
    assert out[0]["clean_text"] == expected_html.text and "<p>" not in out[0]["clean_text"]
    assert "Paragraph 4" in out[0]["clean_text"]
    assert out[1]["clean_text"] == cleaner.clean_text(RAWS[0])


def test_every_kind_of_bad_record_gets_an_error_record_in_place(tmp_path):
    good = {"id": "good", "text": RAWS[1]}
    lines = [
        good,                                                   # 1
        b"{not json\n",                                         # 2
        {"id": "no-text", "body": "x"},                         # 3
        {"id": "wrong-type", "text": ["a", "list"]},            # 4
        b'{"id": "bad-utf8", "text": "caf\xe9 au lait"}\n',     # 5
        b"\n",                                                  # 6: blank, not a record
        {"id": "empty", "text": "  \n "},                       # 7
        b"[1, 2, 3]\n",                                         # 8
        {"id": "too-long", "text": "word " * (len(RAWS[1]) // 4)},  # 9: over max_input_chars
        {"id": "null", "text": None},                           # 10
        {"id": "huge-line", "text": "x" * (len(RAWS[1]) * 3)},  # 11: over max_record_bytes
        good,                                                   # 12
    ]
    source = write_jsonl(tmp_path / "in.jsonl", lines)
    options = BatchOptions(id_field="id", config=cleaner.Config(max_input_chars=len(RAWS[1]) + 10),
                           max_record_bytes=len(RAWS[1]) * 2 + 200)
    summary = run_batch(str(source), str(tmp_path / "out.jsonl"), options, jobs=2, chunk_records=2)
    out = read_jsonl(tmp_path / "out.jsonl")
    errors = {r["line"]: (r["error"]["code"], r.get("id")) for r in out if "error" in r}
    assert errors == {
        2: ("bad_json", None), 3: ("missing_field", "no-text"), 4: ("wrong_type", "wrong-type"),
        5: ("undecodable_input", None), 7: ("empty_input", "empty"), 8: ("not_an_object", None),
        9: ("input_too_large", "too-long"), 10: ("missing_field", "null"), 11: ("record_too_large", None),  # the line is not held, so its id is unknown
    }
    assert len(out) == 11 and summary.documents == 11 and summary.errors == 9
    assert [r.get("id") for r in out] == ["good", None, "no-text", "wrong-type", None, "empty", None,
                                          "too-long", "null", None, "good"]
    assert out[0]["clean_text"] == out[-1]["clean_text"] == cleaner.clean_text(RAWS[1])
    assert all(r["error"]["message"] for r in out if "error" in r)


def test_time_budget_exceeded_is_an_error_record(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", seed_records())
    done = run_cli(str(source), "-o", str(tmp_path / "out.jsonl"), "--time-budget", "0.000001", "-j", "1")
    assert done.returncode == 3
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r["error"]["code"] for r in out] == ["time_budget_exceeded"] * len(RAWS)
    assert [r["line"] for r in out] == list(range(1, len(RAWS) + 1))


def _stalling_clean(original):
    def clean(self, data):
        if isinstance(data, str) and data.startswith("STALL"):
            time.sleep(3600)                 # stands for a step that never returns
        if isinstance(data, str) and data.startswith("CRASH"):
            os._exit(7)                      # stands for a worker killed by the OS
        return original(self, data)
    return clean


def test_a_record_that_stalls_or_kills_its_worker_cannot_stop_the_batch(tmp_path, monkeypatch):
    # Workers are forked, so they inherit this patch: one record hangs, one kills its worker.
    monkeypatch.setattr(cleaner.engine.Cleaner, "clean", _stalling_clean(cleaner.engine.Cleaner.clean))
    records = seed_records(2)
    records.insert(3, {"id": "stall", "text": "STALL " + RAWS[0]})
    records.insert(7, {"id": "crash", "text": "CRASH " + RAWS[0]})
    source = write_jsonl(tmp_path / "in.jsonl", records)
    started = time.monotonic()
    summary = run_batch(str(source), str(tmp_path / "out.jsonl"), BatchOptions(id_field="id"),
                        jobs=2, hard_limit=1.0, chunk_records=2)
    assert time.monotonic() - started < 60
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r.get("id") for r in out] == [r["id"] for r in records]
    assert out[3]["error"]["code"] == "time_budget_exceeded" and out[3]["line"] == 4
    assert out[7]["error"]["code"] == "worker_crashed" and out[7]["line"] == 8
    assert summary.errors == 2
    for record, result in zip(records, out, strict=True):
        if record["id"] not in ("stall", "crash"):
            assert result["clean_text"] == cleaner.clean_text(record["text"])


# -- parallelism -----------------------------------------------------------------------------------
def test_two_jobs_give_the_same_output_as_one(tmp_path):
    records: list[dict | bytes] = list(seed_records(4))
    records.insert(5, b"{broken\n")
    source = write_jsonl(tmp_path / "in.jsonl", records)
    for jobs in (1, 2):
        run_batch(str(source), str(tmp_path / f"out{jobs}.jsonl"), BatchOptions(id_field="id"),
                  jobs=jobs, chunk_records=3)
    assert (tmp_path / "out1.jsonl").read_bytes() == (tmp_path / "out2.jsonl").read_bytes()
    assert len(read_jsonl(tmp_path / "out2.jsonl")) == len(records)


# -- formats ---------------------------------------------------------------------------------------
def test_gzip_in_and_out(tmp_path):
    plain = write_jsonl(tmp_path / "in.jsonl", seed_records())
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert main(["batch", str(plain), "-o", str(tmp_path / "plain.jsonl"), "-j", "1"]) == 0
    assert main(["batch", str(packed), "-o", str(tmp_path / "out.jsonl.gz"), "-j", "2"]) == 0
    assert (tmp_path / "out.jsonl.gz").read_bytes()[:2] == b"\x1f\x8b"
    assert gzip.decompress((tmp_path / "out.jsonl.gz").read_bytes()) == (tmp_path / "plain.jsonl").read_bytes()


def test_stdin_to_stdout_with_a_one_line_summary():
    data = b"".join(json.dumps(r).encode() + b"\n" for r in seed_records()) + b"oops\n"
    done = run_cli("-", stdin=data)
    assert done.returncode == 3
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["clean_text"] for r in out[:-1]] == [cleaner.clean_text(raw) for raw in RAWS]
    assert out[-1]["error"]["code"] == "bad_json" and out[-1]["line"] == len(RAWS) + 1
    stderr = done.stderr.decode()
    assert stderr.count("\n") == 1          # no progress bar when stderr is not a terminal
    assert f"{len(RAWS) + 1} documents, 1 errors," in stderr and "characters removed" in stderr and "docs/s" in stderr


def test_progress_bar_on_request():
    data = b"".join(json.dumps(r).encode() + b"\n" for r in seed_records())
    done = run_cli("-", "--progress", "-o", os.devnull, stdin=data)
    assert done.returncode == 0
    assert "docs" in done.stderr.decode().split("cleaner batch:")[0]   # the bar, before the summary
    assert "errors=0" in done.stderr.decode()


def test_folder_in_txt_folder_out(tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    for seed_id in seed_ids()[:3]:
        (folder / f"{seed_id}.txt").write_bytes((SEEDS / f"{seed_id}.raw.txt").read_bytes())
    (folder / "sub" / "last.txt").write_bytes((SEEDS / f"{seed_ids()[3]}.raw.txt").read_bytes())
    (folder / "empty.txt").write_text("")
    out = tmp_path / "clean"
    done = run_cli(str(folder), "-o", f"{out}/")
    assert done.returncode == 3, done.stderr
    for seed_id in seed_ids()[:3]:
        assert (out / f"{seed_id}.txt").read_text(encoding="utf-8") == cleaner.clean_text(RAWS[seed_ids().index(seed_id)]) + "\n"
    assert (out / "sub" / "last.txt").read_text(encoding="utf-8") == cleaner.clean_text(RAWS[3]) + "\n"
    errors = read_jsonl(out / "errors.jsonl")
    assert errors == [{"error": {"code": "empty_input", "message": errors[0]["error"]["message"]}, "file": "empty.txt"}]
    assert not (out / "empty.txt").exists()


def test_folder_in_jsonl_out_names_each_file(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "b.txt").write_text(RAWS[0], encoding="utf-8")
    (folder / "a.txt.gz").write_bytes(gzip.compress(RAWS[1].encode()))
    assert main(["batch", str(folder), "-o", str(tmp_path / "out.jsonl")]) == 0
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r["file"] for r in out] == ["a.txt.gz", "b.txt"]
    assert [r["clean_text"] for r in out] == [cleaner.clean_text(RAWS[1]), cleaner.clean_text(RAWS[0])]


def test_jsonl_in_txt_folder_out_names_files_by_line_and_id(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a/b c", "text": RAWS[0]}, {"text": RAWS[1]}])
    assert main(["batch", str(source), "-o", str(tmp_path / "out"), "--output-format", "txt", "--id-field", "id"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["000000001-a_b_c.txt", "000000002.txt", "errors.jsonl"]
    assert (tmp_path / "out" / "000000002.txt").read_text(encoding="utf-8") == cleaner.clean_text(RAWS[1]) + "\n"


# -- exit statuses ---------------------------------------------------------------------------------
def test_unreadable_or_broken_input_is_a_one_line_error_with_status_1(tmp_path):
    good = gzip.compress(b"".join(json.dumps(r).encode() + b"\n" for r in seed_records(3)))
    (tmp_path / "cut.jsonl.gz").write_bytes(good[: len(good) // 2])
    (tmp_path / "corrupt.jsonl.gz").write_bytes(good[:20] + b"\x00garbage" * 50)
    for name in ("missing.jsonl", "cut.jsonl.gz", "corrupt.jsonl.gz"):
        done = run_cli(str(tmp_path / name), "-o", str(tmp_path / "out.jsonl"))
        stderr = done.stderr.decode()
        assert done.returncode == 1, (name, stderr)
        assert stderr.startswith("cleaner: error:") and stderr.count("\n") == 1, stderr
        assert name in stderr


def test_usage_errors_have_status_2(tmp_path):
    assert run_cli("-", "--jobs", "0").returncode == 2
    assert run_cli("-", "--output-format", "csv").returncode == 2


# -- resume ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_resume_after_sigkill_neither_duplicates_nor_skips(tmp_path, name):
    records = seed_records(40)
    lines = [json.dumps(r).encode() + b"\n" for r in records]
    target = tmp_path / name
    command = [sys.executable, "-m", "cleaner", "batch", "-", "-o", str(target), "-j", "2", "--id-field", "id"]
    # The first run reads stdin; feeding it only part of the input keeps it running however fast
    # the cleaner is, so that the kill always lands mid-run, with records in flight.
    run = subprocess.Popen(command, stdin=subprocess.PIPE, start_new_session=True, stderr=subprocess.DEVNULL)
    assert run.stdin is not None
    run.stdin.write(b"".join(lines[:170]))
    run.stdin.flush()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(True for _ in complete_lines(target) if target.exists()):
        time.sleep(0.05)
    assert run.poll() is None
    os.killpg(run.pid, signal.SIGKILL)                    # the parent and its workers
    run.wait()
    run.stdin.close()
    killed_at = sum(1 for _ in complete_lines(target))
    assert 0 < killed_at < len(records)
    done = subprocess.run([*command, "--resume"], input=b"".join(lines), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "already done (resumed)" in done.stderr.decode()
    out = read_jsonl(target)
    assert [r["id"] for r in out] == [r["id"] for r in records]       # each once, in order
    expected = [cleaner.clean_text(raw) for raw in RAWS]
    assert [r["clean_text"] for r in out] == expected * 40


def test_resume_of_txt_output_writes_only_what_is_missing(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": RAWS[0]}, {"text": ""}, {"text": RAWS[1]}, {"text": RAWS[2]}])
    out = tmp_path / "out"
    assert main(["batch", str(source), "-o", f"{out}/"]) == 3
    (out / "000000003.txt").unlink()                         # as if killed before writing it
    (out / "000000001.txt").write_text("kept as it was\n")    # already done: must not be redone
    assert main(["batch", str(source), "-o", f"{out}/", "--resume"]) == 0
    assert (out / "000000001.txt").read_text() == "kept as it was\n"
    assert (out / "000000003.txt").read_text(encoding="utf-8") == cleaner.clean_text(RAWS[1]) + "\n"
    assert len(read_jsonl(out / "errors.jsonl")) == 1


def test_resume_refuses_stdout():
    assert run_cli("-", "--resume", stdin=b"").returncode == 1


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as children:
        return [int(c) for c in children.read().split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def _start_fed_run(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """A two-worker run on stdin, fed part of its input and left waiting for more."""
    target = tmp_path / "out.jsonl"
    run = subprocess.Popen([sys.executable, "-m", "cleaner", "batch", "-", "-o", str(target), "-j", "2"],
                           stdin=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    assert run.stdin is not None
    run.stdin.write(b"".join(json.dumps(r).encode() + b"\n" for r in seed_records(30)))
    run.stdin.flush()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (target.exists() and target.stat().st_size):
        time.sleep(0.05)
    assert run.poll() is None
    return run, target


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_workers_do_not_outlive_a_stopped_parent(tmp_path, sig):
    run, target = _start_fed_run(tmp_path)
    workers = _children(run.pid)
    assert len(workers) == 2 and all(_alive(w) for w in workers)
    try:
        os.kill(run.pid, sig)                             # the parent only
        assert run.wait(timeout=30) == (-sig if sig == signal.SIGKILL else 128 + sig)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers)
        if sig == signal.SIGTERM:                         # unwound: the output ends with a whole line
            assert target.read_bytes().endswith(b"\n")
    finally:
        for pid in [run.pid, *workers]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_output_as_second_argument_as_the_docker_docs_show_it(tmp_path):
    source = tmp_path / "in.jsonl"
    raw = (Path(__file__).parent.parent / "seeds" / "002_f57957876d2b9527.raw.txt").read_text(encoding="utf-8")
    source.write_text(json.dumps({"id": "a", "text": raw}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = subprocess.run([sys.executable, "-m", "cleaner", "batch", str(source), str(out), "--jobs", "1"],
                           capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["id"] == "a" and record["clean_text"].startswith("Russia said its forces")
    both = subprocess.run([sys.executable, "-m", "cleaner", "batch", str(source), str(out), "-o", str(out)],
                           capture_output=True, text=True)
    assert both.returncode == 2 and "not both" in both.stderr
