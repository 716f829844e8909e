"""The API key in the published OAS: an HTTP bearer scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "bestuursspiegel.api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "An API key made by an administrator."}


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details; `invalidParams` names each field that was not valid.",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
                "required": ["name", "reason"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}
ERRORS = {
    "400": "The request is not valid.",
    "401": "No or an unknown API key.",
    "403": "The key lacks the scope.",
    "404": "Not found (also: another organisation's).",
    "405": "Method not allowed.",
    "406": "Only JSON is delivered.",
    "409": "Conflicts with the meting's state.",
    "415": "Send JSON.",
    "429": "Too many requests.",
}


def _blank_once(node):
    """drf-spectacular writes a text that may be empty as `oneOf: [text, {maxLength: 0}]`; where the
    text itself may be empty (no minLength) an empty string then matches both and `oneOf` fails."""
    if isinstance(node, dict):
        options = node.get("oneOf")
        blank = {"type": "string", "maxLength": 0}
        if isinstance(options, list) and len(options) == 2 and options[1] == blank and not options[0].get("minLength"):
            node.pop("oneOf")
            node.update(options[0])
        for value in node.values():
            _blank_once(value)
    elif isinstance(node, list):
        for value in node:
            _blank_once(value)


def add_problem_responses(result, generator, request, public):
    """Every operation can answer with problem+json (NL API Design Rules, API-46)."""
    _blank_once(result.get("components", {}))
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for code, description in ERRORS.items():
                operation["responses"].setdefault(code, {"description": description, "content": problem})
    return result
