"""The one place where free text is let into the database.

Every model with declared text fields (``privacy.stored``) is watched here: each save, bulk
create, bulk update and queryset update of such a field passes ``guard_instance`` or
``guard_values``, which remove control characters and refuse the write while the guard finds
personal data that the writer has not confirmed. Forms call ``vet`` first, with the same
rules, to show the writer what was found; the check here is what makes the promise hold when
a view, an import, the admin or a shell forgets.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from lib.text import clean_text
from privacy import stored
from privacy.findings import ALWAYS_BLOCKING, CONFIRMABLE, Finding
from privacy.guard import check_length, confirmation_key, scan
from privacy.policy import confirmable_without_account

_SCAN_CACHE = 1024


class PersonalDataRefused(ValidationError):
    """A write was refused because a text holds personal data; ``problems`` maps each field
    to the findings that blocked it."""

    def __init__(self, problems: dict[str, list[Finding]]):
        self.problems = problems
        super().__init__(
            {
                name: ValidationError(
                    _("The text contains personal data (%(kinds)s). Remove it before saving."),
                    code="personal_data",
                    params={"kinds": ", ".join(sorted({f.kind for f in found}))},
                )
                for name, found in problems.items()
            }
        )


def clean_value(value: object) -> object:
    """``clean_text`` applied to a string or to every string inside a JSON value."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(item) for item in value]
    return value


@functools.lru_cache(maxsize=_SCAN_CACHE)
def findings_in(text: str, language: str) -> tuple[Finding, ...]:
    """What the guard finds in ``text`` (``ALL_LANGUAGES`` applies every language's rules);
    kept for a while, since a form checks a text and the enforcement point checks it again
    when it is saved."""
    return tuple(scan(text, language))


def confirmed_keys(records: Iterable[dict] | None, field: str | None = None) -> set[str]:
    """The guard's keys for stored confirmations, optionally only those of one field.

    A confirmation made without an account counts only where ``privacy.policy`` allows one."""
    keys = set()
    for record in records or ():
        if not isinstance(record, dict) or record.get("kind") not in CONFIRMABLE:
            continue
        if field is not None and record.get("field") not in (None, field):
            continue
        text = str(record.get("text", ""))
        finding = Finding(0, len(text), record["kind"], text)
        if record.get("anonymous") and not confirmable_without_account(finding):
            continue
        keys.add(confirmation_key(finding))
    return keys


def vet(
    text: str, *, language: str, confirmed: set[str] = frozenset(), codes_only: bool = False
) -> list[Finding]:
    """The findings in ``text`` that stop it from being stored.

    Identity codes, phone numbers, e-mail addresses and account numbers always do; names and
    addresses do unless confirmed (with ``codes_only`` they never do). A text longer than
    the guard reads raises ``TextTooLong`` before anything else is done with it."""
    if not text or not text.strip():
        return []
    check_length(text)
    return [f for f in findings_in(text, language) if _blocks(f, confirmed, codes_only)]


def _blocks(finding: Finding, confirmed: set[str], codes_only: bool) -> bool:
    if finding.kind in ALWAYS_BLOCKING:
        return True
    return not codes_only and confirmation_key(finding) not in confirmed


def guard_instance(instance: models.Model, update_fields: Iterable[str] | None = None) -> None:
    """Clean and check every declared text field of ``instance`` that is being written.

    Raises ``PersonalDataRefused`` naming the fields whose text holds unconfirmed personal
    data; the instance's texts are left cleaned of control characters either way."""
    writing = set(update_fields) if update_fields is not None else None
    problems: dict[str, list[Finding]] = {}
    for declaration in stored.guarded_declarations(type(instance)):
        names = [n for n in declaration.fields if writing is None or n in writing]
        if not names:
            continue
        language = declaration.language_of(instance)
        records = (
            getattr(instance, declaration.confirmations, None)
            if declaration.confirmations
            else None
        )
        for name in names:
            value = clean_value(getattr(instance, name))
            setattr(instance, name, value)
            # A JSON value holds the texts of several form fields under their own names.
            whole_row = isinstance(instance._meta.get_field(name), models.JSONField)
            confirmed = confirmed_keys(records, None if whole_row else name)
            _check_lengths(name, value)
            found = [
                finding
                for text in stored.strings_in(value)
                for finding in vet(
                    text,
                    language=language,
                    confirmed=confirmed,
                    codes_only=declaration.kind == stored.REFERENCE_TEXT,
                )
            ]
            if found:
                problems[name] = found
    if problems:
        raise PersonalDataRefused(problems)


def guard_values(model: type[models.Model], values: dict) -> dict:
    """Clean and check the declared text fields in a queryset ``update(**values)``.

    Without a row to read confirmations or a language from, every language's rules apply and
    nothing counts as confirmed: such updates are for erasing and redacting, which write
    placeholders and empty texts."""
    problems: dict[str, list[Finding]] = {}
    cleaned = dict(values)
    for declaration in stored.guarded_declarations(model):
        for name in declaration.fields:
            if name not in values:
                continue
            value = values[name]
            if isinstance(value, models.expressions.Combinable):
                raise TypeError(f"{model.__name__}.{name} takes a plain value, not an expression.")
            cleaned[name] = clean_value(value)
            _check_lengths(name, cleaned[name])
            found = [
                finding
                for text in stored.strings_in(cleaned[name])
                for finding in vet(
                    text,
                    language=stored.ALL_LANGUAGES,
                    codes_only=declaration.kind == stored.REFERENCE_TEXT,
                )
            ]
            if found:
                problems[name] = found
    if problems:
        raise PersonalDataRefused(problems)
    return cleaned


def _check_lengths(name: str, value: object) -> None:
    for text in stored.strings_in(value):
        check_length(text, field=name)


class GuardedQuerySet(models.QuerySet):
    """A queryset whose bulk writes pass the enforcement point like a save does."""

    def update(self, **kwargs):
        return super().update(**guard_values(self.model, kwargs))

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            guard_instance(obj)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            guard_instance(obj, update_fields=fields)
        return super().bulk_update(objs, fields, *args, **kwargs)


GuardedManager = models.Manager.from_queryset(GuardedQuerySet)


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return  # loading a fixture or a backup: the rows were checked when first written
    guard_instance(instance, update_fields)


def connect(model: type[models.Model]) -> None:
    """Watch ``model``'s saves; its managers must use ``GuardedQuerySet`` for bulk writes."""
    for manager in model._meta.managers:
        queryset_class = getattr(manager, "_queryset_class", None)
        if queryset_class is not None and not issubclass(queryset_class, GuardedQuerySet):
            raise ImproperlyConfigured(
                f"{model.__name__}.{manager.name} must use privacy's GuardedQuerySet: "
                "its bulk writes would pass by the personal-data guard."
            )
    pre_save.connect(_before_save, sender=model, dispatch_uid=f"privacy-guard-{model._meta.label}")
