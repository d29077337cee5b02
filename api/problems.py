"""Errors as problem details (RFC 9457): ``application/problem+json`` with ``type``,
``title``, ``status`` and ``detail``, and the fields' messages under ``errors``, in the
language the client asks for (``Accept-Language``), as the pages say them."""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

CONTENT_TYPE = "application/problem+json"


def _titles() -> dict[int, str]:
    return {
        400: _("The request is not valid"),
        401: _("Sign-in is needed"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        415: _("Unsupported media type"),
        429: _("Too many requests"),
    }


def problem(status_code: int, detail: str, errors: list | None = None, headers=None) -> Response:
    body = {
        "type": "about:blank",
        "title": _titles().get(status_code) or HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": str(detail),
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, headers=headers, content_type=CONTENT_TYPE)


def _flatten(detail, field: str = "") -> list[dict]:
    if isinstance(detail, dict):
        return [e for name, value in detail.items() for e in _flatten(value, _join(field, name))]
    if isinstance(detail, list):
        return [e for value in detail for e in _flatten(value, field)]
    return [{"field": field or None, "detail": str(detail)}]


def _join(field: str, name) -> str:
    name = "" if name == "non_field_errors" else str(name)
    return f"{field}.{name}" if field and name else field or name


def handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Nothing was found at this address."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("Your role does not allow this."))
    response = exception_handler(exc, context)
    if response is None:
        return None
    headers = {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After")}
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        return problem(status.HTTP_400_BAD_REQUEST, _("Correct the fields below."), errors, headers)
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    return problem(response.status_code, detail, headers=headers)
