"""The OpenAPI description's shared parts: every operation may answer with a problem."""

PROBLEM = {
    "type": "object",
    "description": "Problem details (RFC 9457).",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string", "nullable": True},
                    "detail": {"type": "string"},
                },
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}
ANSWERS = {
    "400": "The request is not valid",
    "401": "No key, or a key that is not valid, has expired or was revoked",
    "403": "The key's scope or its person's role does not allow this",
    "404": "Not found in the person's scope",
    "405": "Method not allowed",
    "406": "Not acceptable",
    "409": "Conflict",
    "415": "Unsupported media type",
    "429": "Too many requests for this key",
}


def add_problems(result, generator, request, public):
    """Document the problem answers of every operation (a drf-spectacular hook)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    reference = {"$ref": "#/components/schemas/Problem"}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            if path.endswith("/schema/"):
                continue
            for status, description in ANSWERS.items():
                operation["responses"].setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": reference}},
                    },
                )
    return result
