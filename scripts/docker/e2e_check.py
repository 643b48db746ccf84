"""Host-side checks for scripts/docker-e2e.sh (standard library only, any python3 >= 3.8).

  e2e_check.py make-input SEEDS_DIR OUT.jsonl     one {"id", "text"} record per seed
  e2e_check.py check-batch SEEDS_DIR OUT.jsonl    each record's clean_text equals its gold body
  e2e_check.py check-service BASE_URL SEEDS_DIR   /healthz, POST /v1/clean (text/plain and JSON)

Gold bodies are compared with lines trimmed and blank lines dropped, as the test suite does.
Every check prints what it verified; any mismatch exits 1 with the reason.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path


class CheckFailed(Exception):
    """A check found a wrong answer."""


def normalise(text: str) -> str:
    """Lines trimmed, blank ones dropped (how the gold bodies are compared)."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def seed_ids(seeds_dir: Path) -> list[str]:
    """The ids of the seeds that have both a raw and a gold file."""
    ids = sorted(p.name[: -len(".raw.txt")] for p in seeds_dir.glob("*.raw.txt"))
    ids = [i for i in ids if (seeds_dir / f"{i}.gold.txt").is_file()]
    if not ids:
        raise CheckFailed(f"no seeds (ID.raw.txt + ID.gold.txt) in {seeds_dir}")
    return ids


def read_seed(seeds_dir: Path, seed_id: str, part: str) -> str:
    """The raw or gold text of one seed."""
    return (seeds_dir / f"{seed_id}.{part}.txt").read_text(encoding="utf-8")


def make_input(seeds_dir: Path, out_path: Path) -> None:
    """Write the seeds as JSONL batch input, one ``{"id", "text"}`` record each."""
    with out_path.open("w", encoding="utf-8") as out:
        for seed_id in seed_ids(seeds_dir):
            out.write(json.dumps({"id": seed_id, "text": read_seed(seeds_dir, seed_id, "raw")}, ensure_ascii=False) + "\n")
    print(f"make-input: {len(seed_ids(seeds_dir))} records -> {out_path}")


def check_batch(seeds_dir: Path, out_path: Path) -> None:
    """Every seed comes back once, in order, with its input fields kept and its gold body."""
    ids = seed_ids(seeds_dir)
    lines = [line for line in out_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if len(lines) != len(ids):
        raise CheckFailed(f"batch output has {len(lines)} records for {len(ids)} inputs")
    for seed_id, line in zip(ids, lines, strict=True):
        record = json.loads(line)
        if record.get("id") != seed_id:
            raise CheckFailed(f"record out of order or id lost: expected {seed_id!r}, got {record.get('id')!r}")
        if record.get("text") != read_seed(seeds_dir, seed_id, "raw"):
            raise CheckFailed(f"{seed_id}: the input field 'text' was not kept as given")
        for field in ("clean_text", "title", "metadata", "removed"):
            if field not in record:
                raise CheckFailed(f"{seed_id}: output record lacks {field!r} (has {sorted(record)})")
        if normalise(record["clean_text"]) != normalise(read_seed(seeds_dir, seed_id, "gold")):
            raise CheckFailed(f"{seed_id}: clean_text differs from the gold body")
        if not record["removed"]:
            raise CheckFailed(f"{seed_id}: nothing reported as removed")
    print(f"check-batch: {len(ids)} records, each clean_text equals its gold body")


def check_clean_output(seeds_dir: Path, outputs_dir: Path) -> None:
    """Fallback while ``cleaner batch`` is absent: ``OUTPUTS_DIR/ID.txt`` from ``cleaner clean``."""
    ids = seed_ids(seeds_dir)
    for seed_id in ids:
        got = (outputs_dir / f"{seed_id}.txt").read_text(encoding="utf-8")
        if normalise(got) != normalise(read_seed(seeds_dir, seed_id, "gold")):
            raise CheckFailed(f"{seed_id}: cleaner clean output differs from the gold body")
    print(f"check-clean-output: {len(ids)} outputs, each equals its gold body")


def http(url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, str, bytes]:
    """Status, content type and body of one request (errors answered by the server included)."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def expect_json(url: str, status: int, answer: tuple[int, str, bytes]) -> dict:
    """The JSON object of ``answer``, which must have ``status`` and a JSON content type."""
    got_status, content_type, body = answer
    if got_status != status:
        raise CheckFailed(f"{url}: status {got_status}, expected {status}: {body[:300]!r}")
    if "application/json" not in content_type:
        raise CheckFailed(f"{url}: content type {content_type!r}, expected JSON")
    return json.loads(body)


def check_service(base_url: str, seeds_dir: Path) -> None:
    """``/healthz`` is 200; ``POST /v1/clean`` cleans a seed (text/plain and JSON); bad JSON is a JSON 400."""
    status, _, body = http(f"{base_url}/healthz")
    if status != 200:
        raise CheckFailed(f"/healthz answered {status}: {body[:300]!r}")
    url = f"{base_url}/v1/clean"
    ids = seed_ids(seeds_dir)
    for seed_id in ids:
        raw, gold = read_seed(seeds_dir, seed_id, "raw"), normalise(read_seed(seeds_dir, seed_id, "gold"))
        answer = expect_json(url, 200, http(url, raw.encode("utf-8"), {"Content-Type": "text/plain; charset=utf-8"}))
        if normalise(answer.get("text", "")) != gold:
            raise CheckFailed(f"POST /v1/clean text/plain {seed_id}: text differs from the gold body")
        for field in ("title", "metadata", "removed"):
            if field not in answer:
                raise CheckFailed(f"POST /v1/clean {seed_id}: answer lacks {field!r}")
        answer = expect_json(url, 200, http(url, json.dumps({"text": raw}).encode("utf-8"), {"Content-Type": "application/json"}))
        if normalise(answer.get("text", "")) != gold:
            raise CheckFailed(f"POST /v1/clean JSON {seed_id}: text differs from the gold body")
    error = expect_json(url, 400, http(url, b"{not json", {"Content-Type": "application/json"}))
    if not isinstance(error.get("error"), dict) or "code" not in error["error"]:
        raise CheckFailed(f"malformed JSON: expected {{'error': {{'code': ...}}}}, got {error!r}")
    print(f"check-service: /healthz 200; POST /v1/clean gives the gold body for {len(ids)} seeds (text/plain and JSON); bad JSON -> 400 JSON error")


def main(argv: list[str]) -> int:
    """Run the check named by ``argv[0]``; 0 when it passes."""
    commands = {"make-input": lambda a, b: make_input(Path(a), Path(b)),
                "check-batch": lambda a, b: check_batch(Path(a), Path(b)),
                "check-clean-output": lambda a, b: check_clean_output(Path(a), Path(b)),
                "check-service": lambda a, b: check_service(a.rstrip("/"), Path(b))}
    if len(argv) != 3 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        commands[argv[0]](argv[1], argv[2])
    except (CheckFailed, OSError, ValueError) as error:
        print(f"{argv[0]}: FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
