"""The HTTP API: a Flask application factory and one blueprint.

The views only read the request, call ``CleanService`` and format its answer; every error is a
JSON ``{"error": {"code", "message"}}`` with its status (see README, "HTTP service").
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from flask import Blueprint, Flask, Response, current_app, g, request
from werkzeug.exceptions import ClientDisconnected, HTTPException, RequestEntityTooLarge

from . import metrics
from .api_input import NDJSON_TYPES, RequestProblem, parse_batch_body, parse_clean_body
from .config import Config
from .errors import CleanerError
from .openapi import openapi_document
from .playground import bp as playground_page
from .request_log import REQUEST_ID_ENVIRON, REQUEST_ID_HEADER, request_id_from
from .service import CleanService
from .service_config import ServiceConfig

log = logging.getLogger("cleaner.api")
api = Blueprint("api", __name__)

# CleanerError code -> HTTP status
CLEANER_ERROR_STATUS = {"empty_input": 422, "undecodable_input": 422, "input_too_large": 413,
                        "time_budget_exceeded": 503, "invalid_rule": 500}
# An over-limit body is read and thrown away up to this many bytes, so that the client, still
# sending, gets the 413 answer instead of a reset connection; larger bodies are cut off.
DRAIN_LIMIT = 64 * 1024 * 1024
HTTP_ERROR_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
                    413: "body_too_large", 415: "unsupported_media_type"}


def create_app(config: ServiceConfig | Config | None = None) -> Flask:
    """The Flask app of the service.

    ``config``: a ``ServiceConfig``; or a cleaner ``Config`` (the other settings then come from
    the ``CLEANER_*`` environment variables); or ``None`` for everything from the environment.
    The rules are loaded here, once per process.
    """
    if config is None:
        config = ServiceConfig.from_env()
    elif isinstance(config, Config):
        config = ServiceConfig.from_env().replace(cleaner=config)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.max_body
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    app.extensions["cleaner"] = CleanService(config)
    if not app.extensions["cleaner"].ready:
        log.error("rules not loaded: %s", app.extensions["cleaner"].load_error)
    app.before_request(_start_request)
    app.after_request(_finish_request)
    app.register_error_handler(RequestProblem, _request_problem)
    app.register_error_handler(CleanerError, _cleaner_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.register_blueprint(api)
    # --- other blueprints register here (the playground page at "/" adds its line below) ---
    app.register_blueprint(playground_page)
    return app


def service() -> CleanService:
    """The ``CleanService`` of the current app."""
    return current_app.extensions["cleaner"]


# -- per-request bookkeeping ---------------------------------------------------------------
def _start_request() -> None:
    g.started = time.perf_counter()
    client = request.environ.get("gunicorn.socket")
    if client is not None:  # under gunicorn: a client silent this long while sending its body gets 408
        client.settimeout(service().config.read_timeout)
    g.request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
    request.environ[REQUEST_ID_ENVIRON] = g.request_id


def _finish_request(response: Response) -> Response:
    request_id = g.get("request_id") or request_id_from(None)
    response.headers[REQUEST_ID_HEADER] = request_id
    request.environ[REQUEST_ID_ENVIRON] = request_id
    endpoint = request.url_rule.rule if request.url_rule is not None else "unmatched"
    metrics.observe_request(endpoint, request.method, response.status_code,
                            time.perf_counter() - g.get("started", time.perf_counter()))
    return response


# -- errors ---------------------------------------------------------------------------------
def error_response(status: int, code: str, message: str) -> Response:
    """The JSON error answer."""
    return Response(json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False),
                    status=status, mimetype="application/json")


def _request_problem(error: RequestProblem) -> Response:
    return error_response(error.status, error.code, error.message)


def _cleaner_error(error: CleanerError) -> Response:
    return error_response(CLEANER_ERROR_STATUS.get(error.code, 422), error.code, str(error))


def _http_error(error: HTTPException) -> Response:
    if isinstance(error, ClientDisconnected):  # the body stopped arriving (or the client left)
        return error_response(408, "request_timeout", "the request body did not arrive in time")
    status = error.code or 500
    code = HTTP_ERROR_CODES.get(status, "http_error")
    message = error.description or error.name
    if status == 413:
        message = f"the body is larger than the limit of {current_app.config['MAX_CONTENT_LENGTH']:,} bytes"
        drain_body()
    response = error_response(status, code, message)
    if status == 405 and error.valid_methods:  # type: ignore[attr-defined]
        response.headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
    return response


def drain_body() -> None:
    """Read and discard the rest of the request body (up to ``DRAIN_LIMIT``)."""
    left = min(request.content_length or DRAIN_LIMIT, DRAIN_LIMIT)
    stream = request.environ.get("wsgi.input")
    try:
        while left > 0 and stream is not None:
            chunk = stream.read(min(left, 1024 * 1024))
            if not chunk:
                break
            left -= len(chunk)
    except OSError:
        pass  # the client went away; nothing to answer


def _unexpected_error(error: Exception) -> Response:
    if isinstance(error, TimeoutError):  # the client went silent while sending its body
        return error_response(408, "request_timeout", "the request body did not arrive in time")
    log.exception("unexpected error on %s %s", request.method, request.path,
                  extra={"request_id": g.get("request_id")})
    return error_response(500, "internal_error", "the server failed on this request; it has been logged")


# -- views ----------------------------------------------------------------------------------
def json_response(value: Any, status: int = 200) -> Response:
    """``value`` as a JSON answer."""
    return Response(json.dumps(value, ensure_ascii=False), status=status, mimetype="application/json")


def request_body() -> bytes:
    """The request body; a 413 when it is over the limit, whether its length was declared or not
    (werkzeug cuts a chunked body off at the limit without a word)."""
    body = request.get_data(cache=False)  # a declared length over the limit raises 413 here
    if (request.content_length is None and len(body) >= current_app.config["MAX_CONTENT_LENGTH"]
            and request.environ["wsgi.input"].read(1)):
        raise RequestEntityTooLarge()
    return body


def wants_text() -> bool:
    """Whether the caller asked for the body alone (``?format=text`` or ``Accept: text/plain``)."""
    chosen = request.args.get("format")
    if chosen is not None:
        if chosen not in ("json", "text"):
            raise RequestProblem(400, "invalid_request", "'format' must be json or text")
        return chosen == "text"
    return request.accept_mimetypes.best_match(["application/json", "text/plain"]) == "text/plain"


@api.post("/v1/clean")
def clean_document() -> Response:
    """Clean one document."""
    as_text = wants_text()
    document = parse_clean_body(request_body(), request.mimetype, request.mimetype_params.get("charset"))
    result = service().clean(document)
    if as_text:
        return Response(result["text"], mimetype="text/plain")
    return json_response(result)


@api.post("/v1/clean/batch")
def clean_batch() -> Response:
    """Clean a batch of documents: one answer per document, in order."""
    items = parse_batch_body(request_body(), request.mimetype)
    answers = service().clean_batch(items)
    if request.mimetype in NDJSON_TYPES:
        body = "".join(json.dumps(answer, ensure_ascii=False) + "\n" for answer in answers)
        return Response(body, mimetype="application/x-ndjson")
    return json_response({"results": answers})


@api.get("/v1/rules")
def list_rules() -> Response:
    """The loaded rules and detectors."""
    return json_response(service().rules())


@api.get("/healthz")
def healthz() -> Response:
    """Alive: the process answers."""
    return json_response({"status": "ok"})


@api.get("/readyz")
def readyz() -> Response:
    """Ready: the rules are loaded."""
    state = service()
    if not state.ready:
        return json_response({"status": "not_ready", "error": state.load_error or "no rules loaded"}, 503)
    return json_response({"status": "ready", "rules": len(state.base.rules), "detectors": len(state.base.detectors)})


@api.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3 description of this API."""
    return json_response(openapi_document())


@api.get("/metrics")
def prometheus_metrics() -> Response:
    """The Prometheus metrics (all gunicorn workers together)."""
    body, content_type = metrics.exposition()
    return Response(body, content_type=content_type)
