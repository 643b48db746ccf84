"""A real ``cleaner serve`` (gunicorn, 2 workers) on a free localhost port: sequential and
concurrent requests, errors over HTTP, the JSON access log, and a graceful shutdown."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import SEEDS, seed_ids
from live_server import LiveServer

import cleaner
from cleaner.cli import build_parser
from cleaner.commands.serve import gunicorn_argv, service_environment
from cleaner.service_config import ServiceConfig


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One gunicorn for the module, stopped (SIGTERM) at the end."""
    with LiveServer(tmp_path_factory.mktemp("gunicorn")) as live:
        yield live


def seed_bytes() -> dict[str, bytes]:
    return {seed_id: (SEEDS / f"{seed_id}.raw.txt").read_bytes() for seed_id in seed_ids()}


def test_sequential_requests_give_the_library_result(server):
    for seed_id, raw in seed_bytes().items():
        status, headers, body = server.request("POST", "/v1/clean?format=text", raw, {"Content-Type": "text/plain"})
        assert status == 200 and headers["content-type"].startswith("text/plain"), seed_id
        assert body.decode("utf-8") == cleaner.clean_text(raw), seed_id
        status, answer = server.post_json("/v1/clean", {"text": raw.decode("utf-8")})
        assert status == 200 and answer["text"] == cleaner.clean_text(raw)


def test_concurrent_requests_each_get_their_own_answer(server):
    raws = list(seed_bytes().values()) * 6
    expected = [cleaner.clean_text(raw) for raw in raws]

    def clean_over_http(raw: bytes) -> tuple[int, str]:
        status, _, body = server.request("POST", "/v1/clean", raw, {"Content-Type": "text/plain", "Accept": "text/plain"})
        return status, body.decode("utf-8")

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(clean_over_http, raws))
    assert [status for status, _ in answers] == [200] * len(raws)
    assert [text for _, text in answers] == expected


def test_batch_over_http(server):
    raws = seed_bytes()
    lines = [json.dumps({"id": seed_id, "text": raw.decode()}) for seed_id, raw in raws.items()] + ["{oops"]
    status, headers, body = server.request("POST", "/v1/clean/batch", "\n".join(lines).encode(),
                                           {"Content-Type": "application/x-ndjson"})
    answers = [json.loads(line) for line in body.decode().splitlines()]
    assert status == 200 and headers["content-type"].startswith("application/x-ndjson")
    assert [a["id"] for a in answers] == [*raws, None]
    assert [a["text"] for a in answers[:-1]] == [cleaner.clean_text(raw) for raw in raws.values()]
    assert answers[-1]["ok"] is False and answers[-1]["error"]["code"] == "malformed_json"


@pytest.mark.parametrize("method, path, body, content_type, status, code", [
    ("POST", "/v1/clean", b"<x/>", "application/xml", 415, "unsupported_media_type"),
    ("POST", "/v1/clean", b"{", "application/json", 400, "malformed_json"),
    ("POST", "/v1/clean", b"\x00\x01\x02" * 500, "text/plain", 422, "undecodable_input"),
    ("GET", "/nowhere", None, None, 404, "not_found"),
])
def test_errors_over_http_are_json(server, method, path, body, content_type, status, code):
    got, headers, answer = server.request(method, path, body, {"Content-Type": content_type} if content_type else {})
    assert got == status and headers["content-type"] == "application/json"
    assert json.loads(answer)["error"]["code"] == code


def test_body_over_the_limit_over_http(server):
    too_big = b"word " * (5 * 1024 * 1024 // 5 + 1)
    status, _, answer = server.request("POST", "/v1/clean", too_big, {"Content-Type": "text/plain"})
    assert status == 413 and json.loads(answer)["error"]["code"] == "body_too_large"
    assert server.request("GET", "/healthz")[0] == 200


def test_chunked_body_over_the_limit_over_http(server):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        chunks = (b"word " * 100_000 for _ in range(11))  # 5.5 MB, no Content-Length
        connection.request("POST", "/v1/clean", body=chunks, headers={"Content-Type": "text/plain"}, encode_chunked=True)
        response = connection.getresponse()
        assert response.status == 413 and json.loads(response.read())["error"]["code"] == "body_too_large"
    finally:
        connection.close()
    raw = seed_bytes()[seed_ids()[0]]
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request("POST", "/v1/clean?format=text", body=iter([raw[:100], raw[100:]]),
                           headers={"Content-Type": "text/plain"}, encode_chunked=True)
        response = connection.getresponse()
        assert response.status == 200 and response.read().decode() == cleaner.clean_text(raw)
    finally:
        connection.close()


def test_access_log_has_one_json_line_per_request(server):
    raw = seed_bytes()[seed_ids()[0]]
    request_id = f"test-{time.time_ns()}"
    status, headers, body = server.request("POST", "/v1/clean", raw, {"Content-Type": "text/plain", "X-Request-ID": request_id})
    assert status == 200 and headers["x-request-id"] == request_id
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = [json.loads(line) for line in server.stdout_path.read_text().splitlines() if line.strip()]
        mine = [line for line in lines if line.get("request_id") == request_id]
        if mine:
            break
        time.sleep(0.1)
    assert len(mine) == 1, server.logs()
    line = mine[0]
    assert (line["type"], line["method"], line["path"], line["status"]) == ("access", "POST", "/v1/clean", 200)
    assert line["bytes_in"] == len(raw) and line["bytes_out"] == len(body) and line["seconds"] > 0
    assert all(line["type"] == "access" and line["request_id"] for line in lines)  # every line is an access line
    generated = server.request("GET", "/healthz")[1]["x-request-id"]
    assert len(generated) == 32


def test_error_log_is_json(server):
    lines = [line for line in server.stderr_path.read_text().splitlines() if line.strip()]
    assert lines, "gunicorn logs its start to the error log"
    records = [json.loads(line) for line in lines]
    assert {"time", "level", "logger", "message"} <= set(records[0])
    assert any("Booting worker" in r["message"] for r in records)


def test_sigterm_lets_the_in_flight_request_finish(tmp_path):
    live = LiveServer(tmp_path)
    try:
        live.wait_ready()
        raw = seed_bytes()[seed_ids()[-1]]
        head = (f"POST /v1/clean?format=text HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                f"Content-Length: {len(raw)}\r\nConnection: close\r\n\r\n").encode()
        with socket.create_connection(("127.0.0.1", live.port), timeout=60) as conn:
            conn.sendall(head + raw[: len(raw) // 2])  # the request is now in flight, its body half sent
            time.sleep(1.0)
            live.process.send_signal(signal.SIGTERM)
            time.sleep(1.0)
            assert live.process.poll() is None, "gunicorn must wait for the in-flight request"
            conn.sendall(raw[len(raw) // 2:])
            answer = b""
            while chunk := conn.recv(65536):
                answer += chunk
        status_line, _, rest = answer.partition(b"\r\n")
        assert status_line.startswith(b"HTTP/1.1 200"), answer[:300]
        assert rest.split(b"\r\n\r\n", 1)[1].decode() == cleaner.clean_text(raw)
        assert live.process.wait(timeout=60) == 0
        assert "Shutting down: Master" in live.stderr_path.read_text()
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", live.port), timeout=5).close()
    finally:
        live.kill()


def gunicorn_settings(**environ: str) -> dict:
    """The settings of the packaged gunicorn config under ``environ`` (read in a subprocess:
    importing the config sets up a metrics folder, removed here)."""
    script = ("import json, cleaner.gunicorn_conf as c, os; print(json.dumps({k: getattr(c, k) for k in "
              "('workers', 'threads', 'timeout', 'graceful_timeout', 'max_requests', 'max_requests_jitter', "
              "'accesslog', 'worker_class')} | {'dir': os.environ['PROMETHEUS_MULTIPROC_DIR'], 'cpus': c.cpu_count()}))")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEANER_", "PROMETHEUS_"))}
    env.update(environ)
    settings = json.loads(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                                         text=True, check=True).stdout)
    assert os.path.isdir(settings["dir"])
    os.rmdir(settings["dir"])
    return settings


def test_gunicorn_config_settings():
    """One sync worker per CPU, a worker timeout above the longest request, graceful shutdown."""
    settings = gunicorn_settings(CLEANER_TIME_BUDGET="10", CLEANER_BATCH_TIME_BUDGET="40")
    assert settings["workers"] == settings["cpus"] and settings["threads"] == 1
    assert settings["worker_class"] == "cleaner.gunicorn_worker.TimedSyncWorker"
    assert settings["timeout"] > 40 + 10 and settings["graceful_timeout"] >= settings["timeout"]
    assert settings["max_requests"] > 0 and 0 < settings["max_requests_jitter"] < settings["max_requests"]
    assert settings["accesslog"] == "-"


def test_threads_switch_to_gthread_workers():
    settings = gunicorn_settings(CLEANER_THREADS="4", CLEANER_WORKERS="3")
    assert (settings["worker_class"], settings["threads"], settings["workers"]) == ("gthread", 4, 3)


def test_silent_client_is_dropped_and_the_sync_worker_serves_on(tmp_path):
    """A client that connects and sends nothing holds the default (sync) worker only for the read
    timeout; one that stops half-way through its request head likewise; the worker then serves."""
    with LiveServer(tmp_path, workers=1, env={"CLEANER_READ_TIMEOUT": "1"}) as live:
        silent = socket.create_connection(("127.0.0.1", live.port), timeout=30)
        half_head = socket.create_connection(("127.0.0.1", live.port), timeout=30)
        half_head.sendall(b"POST /v1/clean HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started = time.monotonic()
        status, _, body = live.request("POST", "/v1/clean?format=text", seed_bytes()[seed_ids()[0]],
                                       {"Content-Type": "text/plain"}, timeout=30)
        waited = time.monotonic() - started
        assert status == 200 and body.decode() == cleaner.clean_text(seed_bytes()[seed_ids()[0]])
        assert 0.5 < waited < 10, waited  # served after the silent clients' timeouts, not never
        assert silent.recv(64) == b""  # dropped: closed without an answer
        silent.close()
        half_head.close()


def test_serve_rejects_bad_options():
    result = subprocess.run([sys.executable, "-m", "cleaner", "serve", "--workers", "0"], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "--workers" in result.stderr
    result = subprocess.run([sys.executable, "-m", "cleaner", "serve", "--max-body", "huge"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--max-body" in result.stderr
    result = subprocess.run([sys.executable, "-m", "cleaner", "serve", "--threads", "0"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--threads" in result.stderr


def test_serve_options_reach_gunicorn_and_the_workers(tmp_path):
    args = build_parser().parse_args(["serve", "--bind", "0.0.0.0:9000", "--workers", "3", "--threads", "2", "--disable", "ui",
                                      "--disable", "caption", "--time-budget", "0.5", "--max-body", "1m",
                                      "--rules", str(tmp_path)])
    argv = gunicorn_argv(args)
    assert argv[1:5] == ["-m", "gunicorn", "--config", "python:cleaner.gunicorn_conf"]
    assert argv[argv.index("--bind") + 1] == "0.0.0.0:9000" and argv[argv.index("--workers") + 1] == "3"
    assert argv[-1] == "cleaner.wsgi:app"
    env = service_environment(args)
    assert env == {"CLEANER_RULES": str(tmp_path.resolve()), "CLEANER_DISABLE": "ui,caption",
                   "CLEANER_TIME_BUDGET": "0.5", "CLEANER_MAX_BODY": str(1024 * 1024), "CLEANER_THREADS": "2"}
    settings = ServiceConfig.from_env(env)
    assert settings.max_body == 1024 * 1024 and settings.cleaner.time_budget == 0.5
    assert settings.cleaner.disabled_kinds == {"ui", "caption"} and settings.cleaner.rules_dirs == (tmp_path.resolve(),)


def test_a_client_trickling_its_body_is_cut_off_at_the_request_timeout(tmp_path):
    """A client that sends a few bytes before each read timeout would hold the sync worker for
    ever: at the request timeout it gets its 408, and the worker serves the next request."""
    with LiveServer(tmp_path, workers=1, env={"CLEANER_READ_TIMEOUT": "2", "CLEANER_REQUEST_TIMEOUT": "3"}) as live:
        body = seed_bytes()[seed_ids()[0]]
        head = (f"POST /v1/clean HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", live.port), timeout=30) as trickler:
            trickler.sendall(head)
            answer = b""
            for start in range(0, len(body), 10):  # 10 bytes every 0.5 s: never silent for 2 s
                try:
                    trickler.sendall(body[start:start + 10])
                except OSError:
                    break  # the server has answered and closed
                trickler.settimeout(0.5)
                try:
                    answer = trickler.recv(65536)
                except TimeoutError:
                    continue
                break
            trickler.settimeout(30)
            while chunk := trickler.recv(65536):
                answer += chunk
        waited = time.monotonic() - started
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert json.loads(answer.partition(b"\r\n\r\n")[2])["error"]["code"] == "request_timeout"
        assert 2.5 < waited < 10, waited
        status, _, served = live.request("POST", "/v1/clean?format=text", body, {"Content-Type": "text/plain"})
        assert status == 200 and served.decode() == cleaner.clean_text(body)


def test_over_budget_documents_get_503_and_the_sync_worker_lives_on(tmp_path):
    """In the default sync worker (the request in the worker's main thread: a timer interrupts
    the HTML extractor) a document over its budget is a JSON 503, the same worker serves the
    next request, and gunicorn never has to kill it."""
    with LiveServer(tmp_path, workers=1, env={"CLEANER_TIME_BUDGET": "0.1"}) as live:
        table = "<html><body><table>" + "<tr><td>x</td></tr>" * 20_000 + "</table></body></html>"
        prose = "\n".join(f"Paragraph {i}: the council approved spending on road {i} after a debate, "
                          f"members said on day {i + 3}." for i in range(4_000))  # about 0.5 s of cleaning
        for body, content_type in ((table.encode(), "text/html"), (prose.encode(), "text/plain")):
            started = time.monotonic()
            status, headers, answer = live.request("POST", "/v1/clean", body, {"Content-Type": content_type})
            assert status == 503 and headers["content-type"].startswith("application/json"), answer[:300]
            assert json.loads(answer)["error"]["code"] == "time_budget_exceeded"
            assert time.monotonic() - started < 0.1 + 5
        raw = seed_bytes()[seed_ids()[0]]
        status, _, answer = live.request("POST", "/v1/clean?format=text", raw, {"Content-Type": "text/plain"})
        assert status == 200 and answer.decode() == cleaner.clean_text(raw)
        errors = live.stderr_path.read_text()
        assert errors.count("Booting worker") == 1 and "WORKER TIMEOUT" not in errors


def test_workers_restarted_by_max_requests_lose_no_request_and_no_log_line(tmp_path):
    """A worker leaving at ``max_requests`` exits at once (no interpreter teardown), after its
    access log lines are flushed: every request is answered and logged across the restarts."""
    raw = seed_bytes()[seed_ids()[0]]
    expected = cleaner.clean_text(raw)
    env = {"GUNICORN_CMD_ARGS": "--max-requests 3 --max-requests-jitter 1"}
    with LiveServer(tmp_path, workers=1, env=env) as live:
        answers = [live.request("POST", "/v1/clean?format=text", raw, {"Content-Type": "text/plain"}) for _ in range(12)]
        assert [status for status, _, _ in answers] == [200] * 12
        assert {body.decode() for _, _, body in answers} == {expected}
        assert live.stop() == 0
    errors = [json.loads(line)["message"] for line in live.stderr_path.read_text().splitlines() if line.strip()]
    assert sum("Autorestarting worker" in message for message in errors) >= 2, errors
    assert sum("Booting worker" in message for message in errors) >= 3, errors
    assert not any("exited with code" in message for message in errors), errors
    access = [json.loads(line) for line in live.stdout_path.read_text().splitlines() if line.strip()]
    assert sum(line["path"] == "/v1/clean" for line in access) == 12  # the leaving workers' lines too


EXIT_SCRIPT = """
import atexit, logging, sys
from cleaner.gunicorn_worker import exit_at_once
logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(message)s")
atexit.register(lambda: print("torn down"))
logging.getLogger("t").info("logged")
sys.stdout.write("buffered, no newline ")
try:
    sys.exit(int(sys.argv[1]))
finally:
    exit_at_once()
    print("returned")
"""


@pytest.mark.parametrize("code", [0, 3])
def test_exit_at_once_only_for_a_normal_exit_and_after_flushing(code):
    """Status 0: the buffered output is flushed and the process ends without its teardown
    (atexit); any other status (3: a worker that failed to boot) goes the usual way."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # stdout block-buffered, as in gunicorn
    result = subprocess.run([sys.executable, "-c", EXIT_SCRIPT, str(code)], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == code
    assert "buffered, no newline" in result.stdout and "logged" in result.stdout
    if code == 0:
        assert "returned" not in result.stdout and "torn down" not in result.stdout
    else:
        assert "returned" in result.stdout and "torn down" in result.stdout


def test_freeze_heap_moves_the_masters_objects_out_of_the_collectors_reach():
    script = ("import gc, cleaner; from cleaner.gunicorn_worker import freeze_heap; cleaner.clean_text('x y z. a b');"
              "before = gc.get_freeze_count(); freeze_heap(); print(before, gc.get_freeze_count())")
    before, after = map(int, subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                            check=True, timeout=60).stdout.split())
    assert before == 0 and after > 10_000
