"""The HTTP API through Flask's test client: every endpoint, every error status, and every
answer validated against the app's own OpenAPI document."""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest
from conftest import SEEDS, seed_ids
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

import cleaner
from cleaner import Config
from cleaner.api import create_app
from cleaner.openapi import openapi_document
from cleaner.rules import load_rules
from cleaner.service_config import ServiceConfig, parse_size

SEED = "004_2da098b2e0761f02"
PROSE = ("The council approved the new budget on Tuesday after a long debate about schools and roads. "
         "Members said the plan would be reviewed again next spring.")
PAGE = (f"<html><head><title>Budget passes</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>Budget passes</h1><p>{PROSE}</p><p>{PROSE}</p></article></body></html>")


@pytest.fixture(scope="module")
def spec() -> OpenAPI:
    """The app's OpenAPI document (``OpenAPI.from_dict`` also validates the document itself)."""
    return OpenAPI.from_dict(openapi_document())


@pytest.fixture()
def call(client, spec):
    """``call(method, path, ...)``: one request; its answer is validated against the spec."""

    def run(method, path, *, data=None, json_body=None, content_type=None, headers=None, query=""):
        if json_body is not None:
            data, content_type = json.dumps(json_body), "application/json"
        response = client.open(path + (f"?{query}" if query else ""), method=method, data=data,
                               content_type=content_type, headers=headers or {})
        request = MockRequest("http://localhost", method.lower(), path, args=dict(a.split("=") for a in query.split("&") if a),
                              data=data.encode() if isinstance(data, str) else data, content_type=content_type or "")
        spec.validate_response(request, MockResponse(response.data, response.status_code,
                                                     content_type=response.mimetype))
        return response

    return run


def raw_seed(seed_id: str = SEED) -> bytes:
    return (SEEDS / f"{seed_id}.raw.txt").read_bytes()


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.data
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]
    assert b"Traceback" not in response.data and b"<html" not in response.data.lower()
    return body["error"]


# -- POST /v1/clean ---------------------------------------------------------------------------
@pytest.mark.parametrize("seed_id", seed_ids())
def test_plain_text_seed_gives_the_library_result(call, seed_id):
    raw = raw_seed(seed_id)
    response = call("POST", "/v1/clean", data=raw, content_type="text/plain; charset=utf-8")
    assert response.status_code == 200
    body = response.get_json()
    expected = cleaner.clean(raw)
    assert body["text"] == cleaner.clean_text(raw)
    assert body["title"] == expected.title and body["metadata"] == expected.metadata
    assert body["removed"] == [r.as_dict() for r in expected.removed]
    assert body["stats"]["chars_in"] == len(raw.decode("utf-8"))
    assert body["stats"]["chars_out"] == len(body["text"])
    assert body["stats"]["seconds"] > 0


def test_json_text_and_source_offsets(call):
    raw = raw_seed().decode()
    response = call("POST", "/v1/clean", json_body={"text": raw, "options": {"include_source": True}})
    body = response.get_json()
    assert body["text"] == cleaner.clean_text(raw)
    assert body["removed"], "seed 004 has residue to remove"
    for removal in body["removed"]:
        assert body["source"][removal["start"]:removal["end"]] == removal["text"]


def test_include_removed_false_leaves_removals_out(call):
    body = call("POST", "/v1/clean", json_body={"text": raw_seed().decode(), "options": {"include_removed": False}}).get_json()
    assert "removed" not in body and "source" not in body
    assert body["text"] == cleaner.clean_text(raw_seed())


def test_disable_a_kind_keeps_what_it_would_remove(call):
    raw = raw_seed().decode()
    kinds = Counter(r.kind for r in cleaner.clean(raw).removed)
    kind = kinds.most_common(1)[0][0]
    body = call("POST", "/v1/clean", json_body={"text": raw, "options": {"disable": [kind]}}).get_json()
    assert kind not in {r["kind"] for r in body["removed"]}
    expected = cleaner.clean(raw, config=Config(disabled_kinds={kind}, disabled_rules={kind}))
    assert body["text"] == expected.text != cleaner.clean_text(raw)


def test_html_bodies_are_extracted(call):
    for response in (call("POST", "/v1/clean", data=PAGE, content_type="text/html; charset=utf-8"),
                     call("POST", "/v1/clean", json_body={"html": PAGE})):
        body = response.get_json()
        assert response.status_code == 200
        assert PROSE in body["text"] and "Home | World" not in body["text"]
        assert body["text"] == cleaner.clean(PAGE, config=Config(html_mode="always")).text


@pytest.mark.parametrize("how", [{"headers": {"Accept": "text/plain"}}, {"query": "format=text"}])
def test_text_answer_is_the_body_alone(call, how):
    response = call("POST", "/v1/clean", data=raw_seed(), content_type="text/plain", **how)
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == cleaner.clean_text(raw_seed())


def test_json_is_the_default_answer_for_any_accept(call):
    response = call("POST", "/v1/clean", data=raw_seed(), content_type="text/plain", headers={"Accept": "*/*"})
    assert response.mimetype == "application/json" and "text" in response.get_json()


def test_non_utf8_text_is_decoded(call):
    text = "Le conseil a approuvé le budget mardi après un long débat sur les écoles et les routes."
    response = call("POST", "/v1/clean", data=text.encode("latin-1"), content_type="text/plain; charset=iso-8859-1")
    assert response.get_json()["text"] == text


# -- errors -------------------------------------------------------------------------------------
def test_malformed_json_is_400(call):
    assert_error(call("POST", "/v1/clean", data='{"text": "abc"', content_type="application/json"), 400, "malformed_json")


@pytest.mark.parametrize("document", [
    {}, {"txt": "x"}, {"text": 42}, {"text": "a", "html": "b"}, ["text"], "text",
    {"text": "a", "options": []}, {"text": "a", "options": {"disable": "ui"}},
    {"text": "a", "options": {"include_removed": "yes"}}, {"text": "a", "options": {"colour": True}},
    {"text": PROSE, "options": {"disable": ["no-such-rule"]}},
])
def test_missing_or_wrong_typed_fields_are_400(call, document):
    assert_error(call("POST", "/v1/clean", json_body=document), 400, "invalid_request")


def test_bad_format_parameter_is_400(client):
    assert_error(client.post("/v1/clean?format=xml", data=PROSE, content_type="text/plain"), 400, "invalid_request")


@pytest.mark.parametrize("content_type", ["application/xml", "image/png", None, "multipart/form-data; boundary=x"])
def test_unsupported_media_type_is_415(call, content_type):
    assert_error(call("POST", "/v1/clean", data=PROSE, content_type=content_type), 415, "unsupported_media_type")


def test_unknown_charset_is_415(call):
    assert_error(call("POST", "/v1/clean", data=PROSE, content_type="text/plain; charset=klingon"), 415, "unsupported_media_type")


@pytest.mark.parametrize("data, content_type", [
    (bytes(range(256)) * 8, "text/plain"),                      # binary: NUL and control bytes
    (b"caf\xe9 cr\xe8me \xff\xfe\xfd", "text/plain; charset=utf-8"),  # not UTF-8 though declared
])
def test_undecodable_text_is_422(call, data, content_type):
    assert_error(call("POST", "/v1/clean", data=data, content_type=content_type), 422, "undecodable_input")


@pytest.mark.parametrize("data, content_type", [(b"   \n\t ", "text/plain"), ('{"text": ""}', "application/json")])
def test_empty_text_is_422(call, data, content_type):
    assert_error(call("POST", "/v1/clean", data=data, content_type=content_type), 422, "empty_input")


def test_body_over_the_limit_is_413():
    small = create_app(ServiceConfig(max_body=1000)).test_client()
    error = assert_error(small.post("/v1/clean", data="x" * 1001, content_type="text/plain"), 413, "body_too_large")
    assert "1,000 bytes" in error["message"]
    assert small.post("/v1/clean", data=PROSE, content_type="text/plain").status_code == 200


@pytest.mark.parametrize("size, status", [(1000, 200), (1001, 413), (50_000, 413)])
def test_chunked_body_over_the_limit_is_413_not_cut(size, status):
    """A body without Content-Length (chunked) is not silently cut off at the limit."""
    small = create_app(ServiceConfig(max_body=1000)).test_client()
    body = (b"word " * size)[:size]
    response = small.post("/v1/clean", input_stream=io.BytesIO(body), content_type="text/plain",
                          headers={"Transfer-Encoding": "chunked"}, environ_overrides={"wsgi.input_terminated": True})
    if status == 413:
        assert_error(response, 413, "body_too_large")
    else:
        assert response.status_code == 200 and response.get_json()["stats"]["chars_in"] == size


def test_default_body_limit_is_5_mb(client):
    assert client.application.config["MAX_CONTENT_LENGTH"] == 5 * 1024 * 1024
    assert_error(client.post("/v1/clean", data=b"a" * (5 * 1024 * 1024 + 1), content_type="text/plain"), 413, "body_too_large")


def test_text_over_the_character_limit_is_413():
    small = create_app(Config(max_input_chars=50)).test_client()
    assert_error(small.post("/v1/clean", data=PROSE, content_type="text/plain"), 413, "input_too_large")


def test_time_budget_exceeded_is_503_and_the_app_goes_on():
    tiny = create_app(ServiceConfig(cleaner=Config(time_budget=1e-9))).test_client()
    assert_error(tiny.post("/v1/clean", data=raw_seed(), content_type="text/plain"), 503, "time_budget_exceeded")
    assert tiny.get("/healthz").status_code == 200


def test_unknown_path_and_method_are_json(call, client):
    assert_error(client.get("/v1/nothing"), 404, "not_found")
    response = client.get("/v1/clean")
    assert_error(response, 405, "method_not_allowed")
    assert "POST" in response.headers["Allow"]


def test_unexpected_failure_is_500_without_trace(app, client, monkeypatch):
    def explode(document):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(app.extensions["cleaner"], "clean", explode)
    response = client.post("/v1/clean", data=PROSE, content_type="text/plain")
    assert_error(response, 500, "internal_error")
    assert b"secret internal detail" not in response.data


# -- POST /v1/clean/batch -------------------------------------------------------------------
def test_json_batch_answers_each_document_in_order(call):
    raws = [raw_seed(s).decode() for s in seed_ids()]
    documents = [{"id": f"doc-{i}", "text": raw} for i, raw in enumerate(raws)]
    documents.insert(1, {"id": "bad-type", "text": 5})
    documents.insert(3, {"id": 77, "text": "   "})
    documents.append({"id": "html", "html": PAGE, "options": {"include_removed": False}})
    response = call("POST", "/v1/clean/batch", json_body=documents)
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["id"] for r in results] == [d["id"] for d in documents]
    assert [r["index"] for r in results] == list(range(len(documents)))
    assert results[1] == {"index": 1, "id": "bad-type", "ok": False, "error": results[1]["error"]}
    assert results[1]["error"]["code"] == "invalid_request"
    assert results[3]["ok"] is False and results[3]["error"]["code"] == "empty_input"
    good = [r for r in results if r["id"] not in ("bad-type", 77, "html")]
    assert [r["text"] for r in good] == [cleaner.clean_text(raw) for raw in raws]
    assert all(r["ok"] for r in good)
    assert results[-1]["ok"] and "removed" not in results[-1] and PROSE in results[-1]["text"]


def test_ndjson_batch_answers_ndjson_and_keeps_bad_lines(client):
    lines = [json.dumps({"id": "a", "text": PROSE}), "{not json", "", json.dumps({"id": "c"}), json.dumps([1, 2]),
             json.dumps({"id": {"nested": 1}, "text": PROSE})]
    response = client.post("/v1/clean/batch", data="\n".join(lines) + "\n", content_type="application/x-ndjson")
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    answers = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert [a["index"] for a in answers] == [0, 1, 2, 3, 4]  # the blank line is not a document
    assert answers[0]["ok"] and answers[0]["id"] == "a" and answers[0]["text"] == cleaner.clean_text(PROSE)
    assert [a["error"]["code"] for a in answers[1:]] == ["malformed_json", "invalid_request", "invalid_request", "invalid_request"]
    assert answers[2]["id"] == "c"


def test_batch_errors(call, client):
    assert_error(call("POST", "/v1/clean/batch", json_body={"text": PROSE}), 400, "invalid_request")
    assert_error(call("POST", "/v1/clean/batch", data="[{", content_type="application/json"), 400, "malformed_json")
    assert_error(call("POST", "/v1/clean/batch", data=PROSE, content_type="text/plain"), 415, "unsupported_media_type")
    assert call("POST", "/v1/clean/batch", json_body=[]).get_json() == {"results": []}
    small = create_app(ServiceConfig(max_batch_documents=2)).test_client()
    assert_error(small.post("/v1/clean/batch", json=[{"text": PROSE}] * 3), 413, "batch_too_large")


def test_batch_document_over_its_time_budget_fails_alone():
    tiny = create_app(ServiceConfig(cleaner=Config(time_budget=1e-9))).test_client()
    results = tiny.post("/v1/clean/batch", json=[{"id": 1, "text": PROSE}, {"id": 2, "text": 3}]).get_json()["results"]
    assert [(r["id"], r["error"]["code"]) for r in results] == [(1, "time_budget_exceeded"), (2, "invalid_request")]


def test_batch_out_of_time_answers_every_remaining_document():
    hurried = create_app(ServiceConfig(batch_time_budget=1e-9)).test_client()
    documents = [{"id": i, "text": PROSE} for i in range(5)]
    results = hurried.post("/v1/clean/batch", json=documents).get_json()["results"]
    assert [r["id"] for r in results] == list(range(5))
    assert {r["error"]["code"] for r in results} == {"batch_time_budget_exceeded"}


# -- rules, health, readiness, OpenAPI ------------------------------------------------------
def test_rules_lists_every_loaded_rule(call):
    body = call("GET", "/v1/rules").get_json()
    assert {r["id"] for r in body["rules"]} == {r.id for r in load_rules()}
    by_id = {r.id: r for r in load_rules()}
    for rule in body["rules"]:
        assert rule == by_id[rule["id"]].summary()
    assert {d["id"] for d in body["detectors"]} == set(Config().detectors)
    assert set(body["kinds"]) >= {r["kind"] for r in body["rules"]} | {d["kind"] for d in body["detectors"]}


def test_health_and_readiness(call):
    assert call("GET", "/healthz").get_json() == {"status": "ok"}
    ready = call("GET", "/readyz").get_json()
    assert ready["status"] == "ready" and ready["rules"] == len(load_rules())


def test_broken_rules_make_the_app_not_ready(tmp_path):
    (tmp_path / "bad.yaml").write_text("id: Bad Id\nkind: ui\n", encoding="utf-8")
    broken = create_app(Config(rules_dirs=(tmp_path,))).test_client()
    assert broken.get("/healthz").status_code == 200
    response = broken.get("/readyz")
    assert response.status_code == 503 and "bad.yaml" in response.get_json()["error"]
    assert_error(broken.post("/v1/clean", data=PROSE, content_type="text/plain"), 503, "not_ready")


def test_openapi_document_describes_exactly_the_routes(call, app):
    served = call("GET", "/openapi.json").get_json()
    assert served == json.loads(json.dumps(openapi_document()))
    routes = {(rule.rule, method.lower()) for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method) for path, item in served["paths"].items() for method in item}
    assert routes == documented


# -- request ids and settings ---------------------------------------------------------------
def test_request_id_is_echoed_or_generated(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"
    generated = client.get("/healthz").headers["X-Request-ID"]
    assert len(generated) == 32 and int(generated, 16) >= 0
    unsafe = client.get("/healthz", headers={"X-Request-ID": 'x" injected'}).headers["X-Request-ID"]
    assert unsafe != 'x" injected' and len(unsafe) == 32


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("CLEANER_MAX_BODY", "200")
    monkeypatch.setenv("CLEANER_TIME_BUDGET", "0.5")
    monkeypatch.setenv("CLEANER_DISABLE", "ui, caption")
    monkeypatch.setenv("CLEANER_REQUEST_TIMEOUT", "12.5")
    settings = ServiceConfig.from_env()
    assert settings.max_body == 200 and settings.cleaner.time_budget == 0.5 and settings.request_timeout == 12.5
    assert settings.cleaner.disabled_kinds == {"ui", "caption"}
    app = create_app()
    assert_error(app.test_client().post("/v1/clean", data="x" * 201, content_type="text/plain"), 413, "body_too_large")


@pytest.mark.parametrize("name, value", [("CLEANER_MAX_BODY", "lots"), ("CLEANER_TIME_BUDGET", "fast"),
                                         ("CLEANER_TIME_BUDGET", "-1"), ("CLEANER_MAX_BATCH", "1.5"),
                                         ("CLEANER_REQUEST_TIMEOUT", "soon"), ("CLEANER_REQUEST_TIMEOUT", "0")])
def test_bad_settings_name_the_variable(name, value):
    named = {("CLEANER_TIME_BUDGET", "-1"): "time_budget", ("CLEANER_REQUEST_TIMEOUT", "0"): "request_timeout"}
    with pytest.raises(ValueError, match=named.get((name, value), name)):
        ServiceConfig.from_env({name: value})


def test_parse_size_units():
    assert [parse_size(v) for v in ("100", "2k", "5m", "5MB", "1.5k")] == [100, 2048, 5 * 1024 * 1024, 5 * 1024 * 1024, 1536]
    with pytest.raises(ValueError):
        parse_size("0")
