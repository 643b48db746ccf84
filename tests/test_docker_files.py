"""Static checks of the Dockerfile and the helpers the image and scripts/docker-e2e.sh use.

The real proof is scripts/docker-e2e.sh (a real engine, build and run); these catch a broken
contract early and check that the e2e checker itself notices wrong output.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKER_HELPERS = ROOT / "scripts" / "docker"
SEEDS = ROOT / "seeds"


def load_helper(name: str) -> ModuleType:
    """A module from scripts/docker/ (not a package: the image copies them one by one)."""
    spec = importlib.util.spec_from_file_location(f"docker_{name}", DOCKER_HELPERS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    return [(m.group(1).upper(), m.group(2).strip()) for m in re.finditer(r"^\s*([A-Za-z]+)\s+(.*)$", joined, re.M)]


def final_stage() -> list[tuple[str, str]]:
    """The instructions after the last FROM."""
    instructions = dockerfile_instructions()
    last_from = max(i for i, (name, _) in enumerate(instructions) if name == "FROM")
    return instructions[last_from + 1:]


def test_base_is_an_argument_defaulting_to_python_slim():
    instructions = dockerfile_instructions()
    assert instructions[0] == ("ARG", "BASE=python:3.12-slim")
    froms = [args for name, args in instructions if name == "FROM"]
    assert len(froms) >= 2, "multi-stage: a build stage and a clean runtime stage"
    assert all(args.split()[0] == "${BASE}" for args in froms)


def test_runtime_stage_runs_the_service_as_a_non_root_user_with_a_healthcheck():
    stage = final_stage()
    users = [args for name, args in stage if name == "USER"]
    assert users and users[-1] not in ("root", "0")
    commands = [args for name, args in stage if name == "CMD"]
    assert commands and json.loads(commands[-1]) == ["cleaner", "serve", "--bind", "0.0.0.0:8000"]
    healthchecks = [args for name, args in stage if name == "HEALTHCHECK"]
    assert healthchecks and "healthcheck.py" in healthchecks[-1]
    assert "/healthz" in (DOCKER_HELPERS / "healthcheck.py").read_text(encoding="utf-8")


def test_runtime_stage_installs_the_wheel_built_in_the_build_stage():
    stage = final_stage()
    copied = [args for name, args in stage if name == "COPY" and "--from=build" in args]
    assert any("/wheels/package" in args for args in copied)
    assert any(name == "RUN" and "pip install --no-index" in args and ".whl" in args for name, args in stage)


def dockerignore_allows(path: str) -> bool:
    """Whether the allow-list .dockerignore (``*`` then ``!path`` lines) sends ``path`` to the build."""
    allowed = False
    for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated, pattern = line.startswith("!"), line.lstrip("!")
        if pattern == "*" or path == pattern or path.startswith(pattern.rstrip("/") + "/"):
            allowed = negated
    return allowed


def test_every_copied_source_reaches_the_build_context():
    sources = []
    for name, args in dockerfile_instructions():
        if name == "COPY" and "--from=" not in args:
            sources += args.split()[:-1]
    assert sources
    for source in sources:
        assert (ROOT / source).exists(), source
        assert dockerignore_allows(source), f"{source} is excluded by .dockerignore"
    assert not dockerignore_allows(".venv") and not dockerignore_allows(".git")


def test_e2e_script_is_valid_bash():
    subprocess.run(["bash", "-n", str(ROOT / "scripts" / "docker-e2e.sh")], check=True)


# --- check_wheel.py ----------------------------------------------------------------------------

def make_wheel(path: Path, rules: Path, drop: str | None = None, change: str | None = None) -> Path:
    """A zip laid out like the package wheel, with one rule file dropped or changed."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("cleaner/__init__.py", "")
        for rule in sorted(p for p in rules.rglob("*") if p.is_file()):
            relative = rule.relative_to(rules).as_posix()
            if relative == drop:
                continue
            data = rule.read_bytes() + (b"\n# changed" if relative == change else b"")
            archive.writestr(f"cleaner/rules_data/{relative}", data)
    return path


@pytest.fixture(scope="module")
def check_wheel() -> ModuleType:
    return load_helper("check_wheel")


def some_rule(rules: Path) -> str:
    return next(p for p in sorted(rules.rglob("*.yaml"))).relative_to(rules).as_posix()


def test_check_wheel_accepts_a_wheel_with_every_rule(tmp_path, check_wheel):
    rules = ROOT / "rules"
    assert check_wheel.main([str(make_wheel(tmp_path / "ok.whl", rules)), str(rules)]) == 0


def test_check_wheel_rejects_a_missing_or_changed_rule(tmp_path, check_wheel, capsys):
    rules = ROOT / "rules"
    rule = some_rule(rules)
    assert check_wheel.main([str(make_wheel(tmp_path / "missing.whl", rules, drop=rule)), str(rules)]) == 1
    assert f"missing: cleaner/rules_data/{rule}" in capsys.readouterr().err
    assert check_wheel.main([str(make_wheel(tmp_path / "changed.whl", rules, change=rule)), str(rules)]) == 1
    assert f"differs: cleaner/rules_data/{rule}" in capsys.readouterr().err


def test_check_wheel_rejects_an_empty_rules_folder(tmp_path, check_wheel):
    (tmp_path / "rules").mkdir()
    assert check_wheel.main([str(make_wheel(tmp_path / "w.whl", ROOT / "rules")), str(tmp_path / "rules")]) == 1


# --- healthcheck.py ----------------------------------------------------------------------------

class StatusHandler(BaseHTTPRequestHandler):
    """Answers /healthz with the server's ``status``."""

    def do_GET(self):
        self.send_response(self.server.status if self.path == "/healthz" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(("status", "expected"), [(200, True), (503, False)])
def test_healthcheck_is_healthy_only_on_200(status, expected):
    healthcheck = load_helper("healthcheck")
    server = ThreadingHTTPServer(("127.0.0.1", 0), StatusHandler)
    server.status = status
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert healthcheck.healthy(f"http://127.0.0.1:{server.server_port}/healthz") is expected
    finally:
        server.shutdown()
        server.server_close()


def test_healthcheck_is_unhealthy_when_nothing_listens():
    healthcheck = load_helper("healthcheck")
    server = ThreadingHTTPServer(("127.0.0.1", 0), StatusHandler)
    port = server.server_port
    server.server_close()
    assert healthcheck.healthy(f"http://127.0.0.1:{port}/healthz", timeout=1) is False


# --- e2e_check.py: the checker must notice wrong batch output ------------------------------------

def batch_output_from_gold(path: Path, e2e_check: ModuleType, mutate=None) -> Path:
    """Batch output as a correct ``cleaner batch`` would write it (gold bodies), optionally mutated."""
    records = []
    for seed_id in e2e_check.seed_ids(SEEDS):
        records.append({"id": seed_id, "text": e2e_check.read_seed(SEEDS, seed_id, "raw"),
                        "clean_text": e2e_check.read_seed(SEEDS, seed_id, "gold"), "title": None,
                        "metadata": {}, "removed": [{"kind": "ui"}]})
    if mutate:
        mutate(records)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_e2e_check_batch_accepts_gold_output_and_writes_matching_input(tmp_path):
    e2e_check = load_helper("e2e_check")
    assert e2e_check.main(["check-batch", str(SEEDS), str(batch_output_from_gold(tmp_path / "out.jsonl", e2e_check))]) == 0
    assert e2e_check.main(["make-input", str(SEEDS), str(tmp_path / "in.jsonl")]) == 0
    inputs = [json.loads(line) for line in (tmp_path / "in.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in inputs] == e2e_check.seed_ids(SEEDS)


def _change_text(records):
    records[-1]["clean_text"] += "\nShare this article"


def _drop_record(records):
    records.pop()


def _swap_records(records):
    records[0], records[1] = records[1], records[0]


def _drop_field(records):
    del records[0]["removed"]


@pytest.mark.parametrize("mutate", [_change_text, _drop_record, _swap_records, _drop_field])
def test_e2e_check_batch_rejects_wrong_output(tmp_path, mutate, capsys):
    e2e_check = load_helper("e2e_check")
    out = batch_output_from_gold(tmp_path / "out.jsonl", e2e_check, mutate)
    assert e2e_check.main(["check-batch", str(SEEDS), str(out)]) == 1
    assert "FAILED" in capsys.readouterr().err
