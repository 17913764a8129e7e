"""The charter's JSON Schema (draft-07, for yaml-language-server and other editors)."""

from __future__ import annotations

import json

SCHEMA_ID = "https://partnerkit.dev/schema/charter-v1.json"


def _draft7(node):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$defs":
                key = "definitions"
            if key == "$ref" and isinstance(value, str):
                value = value.replace("#/$defs/", "#/definitions/")
            out[key] = _draft7(value)
        return out
    if isinstance(node, list):
        return [_draft7(v) for v in node]
    return node


def charter_schema() -> dict:
    from partnerkit.model import Charter

    schema = _draft7(Charter.model_json_schema(ref_template="#/definitions/{model}"))
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "$id": SCHEMA_ID, **schema}
    schema["title"] = "partnerkit charter, format version 1"
    return schema


def schema_text() -> str:
    return json.dumps(charter_schema(), indent=2, ensure_ascii=False) + "\n"
