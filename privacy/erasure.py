"""Erasing and redacting stored texts with every copy of them, driven by ``privacy.stored``.

Retention erases each declared text at its age; redaction replaces one piece of a text with a
placeholder. Either way the declarations that follow the changed rows (quotes, answers,
vectors, report files) are told, so no copy keeps what the original no longer holds.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models, transaction

from privacy import stored

BATCH = 1000


def erase_past_age(*, now: dt.datetime) -> dict[str, int]:
    """Erase or delete every declared text past its retention age; counts by label."""
    counts: dict[str, int] = {}
    for declaration in stored.declarations():
        if declaration.age is None:
            continue
        before = stored.cutoff(getattr(settings, declaration.age.setting), now)
        counts[declaration.label] = _erase_before(declaration, before, now) if before else 0
    return counts


def _erase_before(declaration: stored.Declaration, before: dt.datetime, now: dt.datetime) -> int:
    age = declaration.age
    due = declaration.model.objects.filter(**{f"{age.date_field}__lt": before})
    if age.erased_flag:
        due = due.filter(**{f"{age.erased_flag}__isnull": True})
    erased = 0
    while ids := list(due.values_list("pk", flat=True)[:BATCH]):
        _erase_rows(declaration, ids, now)
        erased += len(ids)
    return erased


@transaction.atomic
def _erase_rows(declaration: stored.Declaration, ids: list[int], now: dt.datetime) -> None:
    rows = declaration.model.objects.filter(pk__in=ids)
    forget_copies(declaration.model, ids)
    if declaration.age.delete:
        rows.delete()
        return
    values: dict[str, object] = dict.fromkeys(declaration.fields, "")
    if declaration.confirmations:
        values[declaration.confirmations] = []
    if declaration.age.erased_flag:
        values[declaration.age.erased_flag] = now
    rows.update(**values)


def forget_copies(
    model: type[models.Model], ids: list[int], replace: tuple[str, str] | None = None
) -> int:
    """Tell every declaration that follows ``model`` that these rows' texts were erased
    (``replace`` None) or that ``replace[0]`` became ``replace[1]`` in them."""
    changed = 0
    for declaration in stored.copies_of(model):
        if declaration.forget is not None:
            changed += declaration.forget(ids, replace)
        else:
            changed += _forget_plainly(declaration, ids, replace)
    return changed


def _forget_plainly(
    declaration: stored.Declaration, ids: list[int], replace: tuple[str, str] | None
) -> int:
    rows = declaration.model.objects.filter(**{f"{declaration.follows}__in": ids})
    if replace is None:
        if declaration.delete_copies:
            deleted, _by_model = rows.delete()
            return deleted
        values: dict[str, object] = dict.fromkeys(declaration.fields, "")
        if declaration.confirmations:
            values[declaration.confirmations] = []
        return rows.update(**values)
    changed = 0
    for row in rows:
        if replace_in(row, declaration, *replace):
            row.save()
            changed += 1
    return changed


def replace_in(row: models.Model, declaration: stored.Declaration, old: str, new: str) -> bool:
    """Replace ``old`` with ``new`` in the row's declared texts (and JSON strings) and drop
    the confirmation of ``old``; returns whether anything changed. Does not save."""
    changed = False
    for name in declaration.fields:
        value = getattr(row, name)
        replaced = _replace_value(value, old, new)
        if replaced != value:
            setattr(row, name, replaced)
            changed = True
    if declaration.confirmations:
        records = getattr(row, declaration.confirmations) or []
        kept = [r for r in records if not (isinstance(r, dict) and r.get("text") == old)]
        if kept != records:
            setattr(row, declaration.confirmations, kept)
            changed = True
    return changed


def _replace_value(value: object, old: str, new: str) -> object:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {k: _replace_value(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_value(item, old, new) for item in value]
    return value


@transaction.atomic
def redact(row: models.Model, replacements: list[tuple[str, str]]) -> int:
    """Replace each ``old`` with its ``new`` in ``row``'s declared free texts and in every
    copy of them, in one save; returns how many rows changed. The caller records who did it
    and makes sure that what remains passes the guard (``remaining_findings``)."""
    changed = 0
    for old, new in replacements:
        for declaration in stored.guarded_declarations(type(row)):
            if declaration.kind == stored.FREE_TEXT and replace_in(row, declaration, old, new):
                changed = 1
    if changed:
        row.save()
    for old, new in replacements:
        changed += forget_copies(type(row), [row.pk], (old, new))
    return changed


_REDACTED = {"fi": "[poistettu]", "sv": "[borttaget]", "en": "[removed]"}


def placeholder(kind: str, language: str) -> str:
    """What a redacted piece becomes: the kind's placeholder in the text's language
    ("[nimi]", "[namn]", …), or a plain "[removed]" for any other kind of words."""
    from privacy.guard import PLACEHOLDERS

    code = language if language in _REDACTED else "fi"
    return PLACEHOLDERS[code].get(kind, _REDACTED[code])
