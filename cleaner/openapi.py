"""The OpenAPI 3 description of the HTTP API (served at ``GET /openapi.json``).

The tests validate real answers of the app against it, so it has to follow the code.
"""

from __future__ import annotations

import functools
from typing import Any

from . import __version__


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": _json(_ref("Error"))}


STRING_OR_NULL = {"type": "string", "nullable": True}

SCHEMAS: dict[str, Any] = {
    "Options": {
        "type": "object", "additionalProperties": False,
        "properties": {
            "disable": {"type": "array", "items": {"type": "string", "minLength": 1},
                        "description": "rule ids, detector ids or kinds that must not remove anything"},
            "include_removed": {"type": "boolean", "default": True, "description": "answer the removals"},
            "include_source": {"type": "boolean", "default": False,
                               "description": "answer `source`, the text the removal offsets refer to"},
        },
    },
    "Document": {
        "type": "object",
        "description": "exactly one of `text` (raw article text) or `html` (a page)",
        "properties": {"text": {"type": "string"}, "html": {"type": "string"}, "options": _ref("Options")},
        "oneOf": [{"required": ["text"]}, {"required": ["html"]}],
    },
    "BatchDocument": {
        "allOf": [_ref("Document"), {"type": "object", "properties": {
            "id": {"description": "echoed in the answer", "nullable": True,
                   "oneOf": [{"type": "string"}, {"type": "number"}]}}}],
    },
    "Removal": {
        "type": "object", "required": ["kind", "rule", "reason", "text", "start", "end"],
        "properties": {
            "kind": {"type": "string"}, "rule": {"type": "string", "description": "rule or detector id"},
            "reason": {"type": "string", "description": "a detector's reason; `after_cut`; or empty"},
            "text": {"type": "string"},
            "start": {"type": "integer", "minimum": 0, "description": "offset into `source`"},
            "end": {"type": "integer", "minimum": 0},
        },
    },
    "Stats": {
        "type": "object", "required": ["chars_in", "chars_out", "seconds"],
        "properties": {"chars_in": {"type": "integer", "minimum": 0}, "chars_out": {"type": "integer", "minimum": 0},
                       "seconds": {"type": "number", "minimum": 0, "description": "time spent cleaning"}},
    },
    "Result": {
        "type": "object", "required": ["text", "title", "metadata", "stats"],
        "properties": {
            "text": {"type": "string", "description": "the article body, one paragraph per line"},
            "title": STRING_OR_NULL,
            "metadata": {"type": "object", "additionalProperties": {"type": "string"},
                         "description": "published, updated (ISO 8601), author, source, ..."},
            "removed": {"type": "array", "items": _ref("Removal"), "description": "unless include_removed is false"},
            "stats": _ref("Stats"),
            "source": {"type": "string", "description": "only with include_source"},
        },
    },
    "ErrorDetail": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string", "description": "stable snake_case code"},
                       "message": {"type": "string"}},
    },
    "Error": {"type": "object", "required": ["error"], "properties": {"error": _ref("ErrorDetail")}},
    "BatchResult": {
        "oneOf": [
            {"allOf": [_ref("Result"), {
                "type": "object", "required": ["index", "id", "ok"],
                "properties": {"index": {"type": "integer"}, "id": {"nullable": True},
                               "ok": {"type": "boolean", "enum": [True]}}}]},
            {"type": "object", "required": ["index", "id", "ok", "error"],
             "properties": {"index": {"type": "integer"}, "id": {"nullable": True},
                            "ok": {"type": "boolean", "enum": [False]}, "error": _ref("ErrorDetail")}},
        ],
    },
    "Rule": {
        "type": "object", "required": ["id", "kind", "scope", "where", "description"],
        "properties": {"id": {"type": "string"}, "kind": {"type": "string"},
                       "scope": {"type": "string", "enum": ["line", "span", "cut"]},
                       "where": {"type": "string", "enum": ["head", "tail", "head_or_body", "anywhere"]},
                       "languages": {"type": "array", "items": {"type": "string"}},
                       "description": {"type": "string"}},
    },
    "Detector": {
        "type": "object", "required": ["id", "kind", "description"],
        "properties": {"id": {"type": "string"}, "kind": {"type": "string"}, "description": {"type": "string"}},
    },
}

NDJSON = "application/x-ndjson"
CLEAN_ERRORS = {
    "400": _error("malformed JSON, a missing or wrong-typed field, an unknown option or rule"),
    "408": _error("the client stopped sending its body for longer than the read timeout, or took longer than "
                  "the request timeout to send it (`request_timeout`)"),
    "413": _error("body over the size limit (`body_too_large`) or text over the character limit (`input_too_large`)"),
    "415": _error("unsupported Content-Type (or charset)"),
    "422": _error("text that cannot be decoded (`undecodable_input`) or is empty (`empty_input`)"),
    "503": _error("the document took longer than its time budget (`time_budget_exceeded`), or the rules are not loaded"),
    "500": _error("unexpected failure (logged; never a stack trace)"),
}


def _paths() -> dict[str, Any]:
    text_body = {"schema": {"type": "string"}}
    return {
        "/v1/clean": {"post": {
            "summary": "Clean one document",
            "parameters": [{"name": "format", "in": "query", "required": False,
                            "schema": {"type": "string", "enum": ["json", "text"]},
                            "description": "`text` answers the body alone (as `Accept: text/plain` does)"}],
            "requestBody": {"required": True, "content": {
                "text/plain": text_body, "text/html": text_body, "application/json": {"schema": _ref("Document")}}},
            "responses": {
                "200": {"description": "the cleaned document",
                        "content": {**_json(_ref("Result")), "text/plain": text_body}},
                **CLEAN_ERRORS,
            },
        }},
        "/v1/clean/batch": {"post": {
            "summary": "Clean a batch of documents; one answer per document, in order",
            "description": "A bad document gets an error item (`ok: false`) and does not fail the batch. "
                           "NDJSON in (`application/x-ndjson`, one document a line) gives NDJSON out, one answer a line.",
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": {"type": "array", "items": _ref("BatchDocument")}},
                NDJSON: {"schema": {"type": "string"}}}},
            "responses": {
                "200": {"description": "one answer per document", "content": {
                    **_json({"type": "object", "required": ["results"],
                             "properties": {"results": {"type": "array", "items": _ref("BatchResult")}}}),
                    NDJSON: {"schema": {"type": "string"}}}},
                "400": _error("the body is not a JSON array (a malformed NDJSON line only fails its own item)"),
                "408": CLEAN_ERRORS["408"],
                "413": _error("body over the size limit, or more documents than the batch limit"),
                "415": _error("unsupported Content-Type"),
                "503": _error("the rules are not loaded"),
                "500": CLEAN_ERRORS["500"],
            },
        }},
        "/v1/rules": {"get": {"summary": "The loaded rules and detectors", "responses": {
            "200": {"description": "rules, detectors and the kinds they remove", "content": _json({
                "type": "object", "required": ["rules", "detectors", "kinds"],
                "properties": {"rules": {"type": "array", "items": _ref("Rule")},
                               "detectors": {"type": "array", "items": _ref("Detector")},
                               "kinds": {"type": "array", "items": {"type": "string"}}}})},
            "503": _error("the rules are not loaded")}}},
        "/healthz": {"get": {"summary": "Liveness", "responses": {"200": {"description": "alive", "content": _json({
            "type": "object", "required": ["status"], "properties": {"status": {"type": "string", "enum": ["ok"]}}})}}}},
        "/readyz": {"get": {"summary": "Readiness: the rules are loaded", "responses": {
            "200": {"description": "ready", "content": _json({
                "type": "object", "required": ["status", "rules", "detectors"],
                "properties": {"status": {"type": "string", "enum": ["ready"]}, "rules": {"type": "integer"},
                               "detectors": {"type": "integer"}}})},
            "503": {"description": "not ready", "content": _json({
                "type": "object", "required": ["status", "error"],
                "properties": {"status": {"type": "string", "enum": ["not_ready"]}, "error": {"type": "string"}}})}}}},
        "/openapi.json": {"get": {"summary": "This document", "responses": {
            "200": {"description": "OpenAPI 3", "content": _json({"type": "object"})}}}},
        "/metrics": {"get": {"summary": "Prometheus metrics", "responses": {
            "200": {"description": "Prometheus text format", "content": {"text/plain": text_body}}}}},
    }


@functools.cache
def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.0 document of the API."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "cleaner", "version": __version__,
                 "description": "Strip boilerplate from scraped news articles. Every error is "
                                "`{\"error\": {\"code\", \"message\"}}`; every answer carries `X-Request-ID`."},
        "paths": _paths(),
        "components": {"schemas": SCHEMAS},
    }
