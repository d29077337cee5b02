"""Calm, translated error pages: never a traceback."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from privacy import kind_label
from privacy.enforcement import PersonalDataRefused
from privacy.guard import TextTooLong

# Typed fields handed back visibly on the outage page; every other field of a submission goes
# back hidden so that "Try again" sends the same submission (and key) once more.
KEPT_TEXT_FIELDS = ("text", "suggestion")
NEVER_ECHOED = ("password",)
# What a database that is down, restarting or unreachable raises (not a bug in a query).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # Rendered without the request's context: the failure may be the database itself.
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("errors/500.html").render({}))


def database_unavailable(request) -> HttpResponse:
    """The database could not be reached: nothing was saved. Hand the person's text back with
    a button that sends the same submission again; its key makes a retry safe."""
    context = {"kept": [], "hidden": [], "action": ""}
    if request is not None and request.method == "POST":
        context.update(_kept_fields(request.POST), action=request.get_full_path())
    body = loader.get_template("errors/503.html").render(context)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = "10"
    return response


def _kept_fields(data) -> dict:
    kept, hidden = [], []
    for name in data:
        if any(word in name for word in NEVER_ECHOED):
            continue
        for value in data.getlist(name):
            (kept if name in KEPT_TEXT_FIELDS else hidden).append((name, value))
    return {"kept": kept, "hidden": hidden, "retry": "submission_key" in data}


class RefusedTextMiddleware:
    """The last line behind every form: a text that reaches the enforcement point with
    personal data in it (a view that forgot to check, a rule that changed between the check
    and the save), or longer than the guard reads, gets a calm page that hands every typed
    text back, not an error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, TextTooLong):
            context = {"kept": _typed_texts(request), "limit": exception.limit}
            return render(request, "errors/text_too_long.html", context, status=400)
        if not isinstance(exception, PersonalDataRefused):
            return None
        kept = _typed_texts(request)
        kinds = {finding.kind for found in exception.problems.values() for finding in found}
        labels = ", ".join(str(kind_label(kind)) for kind in sorted(kinds))
        context = {"kept": kept, "kinds": labels}
        return render(request, "errors/personal_data.html", context, status=400)


def _typed_texts(request) -> list[tuple[str, str]]:
    """The texts of a refused POST, to hand back on its page; never a password or token."""
    if request.method != "POST":
        return []
    return [
        (name, value)
        for name in request.POST
        if not any(word in name for word in (*NEVER_ECHOED, "csrf"))
        for value in request.POST.getlist(name)
        if len(value) > 40 or name in KEPT_TEXT_FIELDS
    ]
