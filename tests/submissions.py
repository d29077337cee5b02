"""Sending hostile texts through a channel the way its users do, and keeping what went wrong.

``tests/test_hostile_channels.py`` drives every channel with a ``Run``: each part of a
channel first sends a clean submission, which must be accepted (so the request is one the
channel takes, and a refusal of the others is the guard's doing), then one submission per
hostile identifier. A refused submission must be answered with the form's errors or a calm
error page in the person's language, with what they typed handed back; a command must end
with its own error message, never a crash. At the end ``verdict`` searches every column of
every table and every stored file for the identifiers sent (``tests.stored_search``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils.html import escape

from tests.hostile_texts import Hostile, hostile_texts
from tests.stored_search import places_holding

CLEAN = "Kotikäynneillä tuli esiin, ettei apua saatu ajoissa."
# What shows that a page says what went wrong: Django's and the admin's error lists, the
# error summary and the calm error pages.
ERROR_MARKS = ('class="errorlist', 'role="alert"', 'class="errornote"')
# English words of the errors these submissions meet, which a Finnish page must not show.
ENGLISH = ("personal data", "Select a valid choice", "This field is required", "characters long")


@dataclass(frozen=True)
class Attempt:
    """One hostile identifier on its way through one field of a channel, with clean texts in
    the channel's other fields: different every time, so that no name a text must not share
    with another is taken by an earlier attempt."""

    where: str
    hostile: Hostile
    texts: dict[str, str]

    @property
    def label(self) -> str:
        return f"{self.where}: {self.hostile.label}"


@dataclass
class Run:
    """One channel's submissions in one set of writing forms, and what went wrong."""

    client: Client
    capture: Callable
    writing: str
    parts: tuple[str, ...]
    tmp_path: Path
    monkeypatch: pytest.MonkeyPatch
    problems: list[str] = field(default_factory=list)
    needles: list[str] = field(default_factory=list)

    def attempts(self, part: str, fields=(), kinds=None) -> list[Attempt]:
        """An attempt per hostile identifier of the part, each in one of ``fields`` in turn,
        so that every field gets its share and an unguarded field cannot hide behind the
        error of a guarded one. ``kinds`` leaves out the other kinds of identifier."""
        found = hostile_texts(self.parts.index(part), self.writing)
        found = [h for h in found if kinds is None or h.kind in kinds]
        made = []
        for number, hostile in enumerate(found):
            self.needles += hostile.needles
            chosen = fields[number % len(fields)] if fields else None
            texts = {
                name: hostile.sentence if name == chosen else f"{part} {number}: {CLEAN}"
                for name in fields
            }
            where = f"{part}, {chosen}" if len(fields) > 1 else part
            made.append(Attempt(where, hostile, texts))
        return made

    def control(self, part: str, user, url: str, data: dict, files=None) -> None:
        """A clean submission, which the channel must accept."""
        response = self._post(user, url, data, files)
        if isinstance(response, Exception) or response.status_code != 302:
            pytest.fail(f"{part}: the clean submission was not accepted: {_answer(response)}")

    def refused(self, attempt: Attempt, user, url: str, data: dict, *, kept=None, files=None):
        """A submission that must be refused, with ``kept`` (by default the hostile
        sentence) handed back on the page."""
        response = self._post(user, url, data, files)
        if isinstance(response, Exception) or response.status_code not in (200, 400):
            self.problems.append(f"{attempt.label}: {_answer(response)}")
            return
        page = response.content.decode()
        in_finnish = 'lang="fi"' in page and not any(words in page for words in ENGLISH)
        if not in_finnish or not any(mark in page for mark in ERROR_MARKS):
            self.problems.append(f"{attempt.label}: no error message in the person's language")
        for text in [attempt.hostile.sentence] if kept is None else kept:
            if escape(text) not in page:
                self.problems.append(f"{attempt.label}: {text[:60]!r} is not handed back")

    def sent(self, attempt: Attempt, user, url: str, data: dict) -> None:
        """A submission whose stray values Sora may drop: only an error is wrong."""
        response = self._post(user, url, data)
        if isinstance(response, Exception) or response.status_code >= 500:
            self.problems.append(f"{attempt.label}: {_answer(response)}")

    def command(self, attempt: Attempt, *args) -> None:
        """A management command that must refuse with its own message, not crash."""
        try:
            with self.capture(execute=True):
                call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
        except CommandError:
            return
        except Exception as error:  # noqa: BLE001  (a crash is what is looked for)
            self.problems.append(f"{attempt.label}: {_answer(error)}")
            return
        self.problems.append(f"{attempt.label}: accepted")

    def ran(self, attempt: Attempt, *args) -> None:
        """A management command that may do its work or refuse it, but must not crash."""
        try:
            with self.capture(execute=True):
                call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
        except CommandError:
            return
        except Exception as error:  # noqa: BLE001  (a crash is what is looked for)
            self.problems.append(f"{attempt.label}: {_answer(error)}")

    def _post(self, user, url: str, data: dict, files=None):
        """The response, or the exception a person would have met as an error page; what
        the request queued for after its transaction runs too. Without a ``user`` the
        submission is sent without an account."""
        if user is None:
            self.client.logout()
        else:
            self.client.force_login(user)
        try:
            with self.capture(execute=True):
                return self.client.post(url, {**data, **(files or {})})
        except Exception as error:  # noqa: BLE001  (a crash is what is looked for)
            return error

    def verdict(self) -> list[str]:
        """What went wrong, and every place that holds one of the identifiers sent."""
        stored = places_holding(list(dict.fromkeys(self.needles)))
        return self.problems + [f"stored in {place!r}" for place in stored]


def _answer(response) -> str:
    if isinstance(response, Exception):
        return f"crashed: {response!r}"
    if response.status_code == 302:
        return "accepted"
    return f"answered {response.status_code}"
