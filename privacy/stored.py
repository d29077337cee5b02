"""Every stored text field of every app, declared once.

The guard knows no other app, so each app declares its own fields (in its ``guarded.py``,
loaded from ``AppConfig.ready()``). What a field is decides what happens to it:

- ``free_text``: typed by people (observations, answers, drafts, memos, phenomena, proposals,
  quotes, report narratives). Every write goes through the enforcement point
  (``privacy.enforcement``) and is refused while the guard finds personal data that the
  writer has not confirmed; ``scan_pii --stored`` re-scans it; retention erases it at its
  age or with the text it was copied from; redaction reaches it.
- ``reference_text``: written by administrators about the service itself (codebook, campaign
  questions, organisation names). Every write is refused while it holds an identity code, a
  phone number, an e-mail address or an account number; names of institutions and of
  staff may stand in it.
- ``derived``: computed by Sora from texts that have passed the guard (terms, labels,
  rendered report files). Not scanned again, but erased and redacted with their source.
- ``not_text``: codes, tokens, choices and what Sora writes itself (audit entries, error
  messages), and people's own account details. Declared with the reason.

A test walks every text column of every model and fails on one that is not declared, so a
new field is covered by declaring it here once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import models

from privacy.guard import ALL_LANGUAGES

# Analysts write in any of the three languages whatever the page's language, so their texts
# are read with the rules of all of them (``privacy.guard.ALL_LANGUAGES``).

FREE_TEXT = "free_text"
REFERENCE_TEXT = "reference_text"
DERIVED = "derived"
NOT_TEXT = "not_text"
GUARDED = frozenset({FREE_TEXT, REFERENCE_TEXT})

# ``forget(source_ids, replace)``: erase (``replace`` None) or edit (``replace`` = (old,
# new)) what a model copied from the given source rows; returns how many rows changed.
Forget = Callable[[list[int], "tuple[str, str] | None"], int]


@dataclass(frozen=True)
class Age:
    """A retention age: rows whose ``date_field`` is older than the setting's number of days
    are erased (texts blanked, ``erased_flag`` set to the time) or deleted."""

    date_field: str
    setting: str
    delete: bool = False
    erased_flag: str | None = None


@dataclass(frozen=True)
class Declaration:
    model: type[models.Model]
    fields: tuple[str, ...]
    kind: str
    label: str
    # A lookup path to the text's language ("language", "observation__language") or
    # ``ALL_LANGUAGES``.
    language: str = ALL_LANGUAGES
    # The JSON field holding the writer's "not personal data" confirmations for these texts.
    confirmations: str | None = None
    age: Age | None = None
    # The foreign key to the row this text was copied or derived from: erasing or redacting
    # the source reaches this copy.
    follows: str | None = None
    forget: Forget | None = None
    # Whether a copy is deleted, rather than blanked, when its source text is erased.
    delete_copies: bool = False
    why: str = ""

    @property
    def guarded(self) -> bool:
        return self.kind in GUARDED

    def language_of(self, instance: models.Model) -> str:
        if self.language == ALL_LANGUAGES:
            return ALL_LANGUAGES
        value: object = instance
        for part in self.language.split("__"):
            value = getattr(value, part, None)
        return value if isinstance(value, str) and value else ALL_LANGUAGES


_DECLARATIONS: list[Declaration] = []


def _declare(declaration: Declaration) -> Declaration:
    for name in declaration.fields:
        existing = declaration_for(declaration.model, name)
        if existing is not None and existing != declaration:
            raise ValueError(f"{declaration.model.__name__}.{name} is declared twice.")
    if declaration in _DECLARATIONS:
        return declaration
    if declaration.guarded:
        from privacy.enforcement import connect

        connect(declaration.model)
    _DECLARATIONS.append(declaration)
    return declaration


def _label(model: type[models.Model], label: str | None) -> str:
    return label or model._meta.model_name


def free_text(
    model: type[models.Model],
    *fields: str,
    language: str = ALL_LANGUAGES,
    confirmations: str | None = "privacy_confirmations",
    age: Age | None = None,
    follows: str | None = None,
    forget: Forget | None = None,
    delete_copies: bool = False,
    label: str | None = None,
) -> Declaration:
    """Texts people type. See the module docstring."""
    return _declare(
        Declaration(
            model,
            fields,
            FREE_TEXT,
            _label(model, label),
            language=language,
            confirmations=confirmations,
            age=age,
            follows=follows,
            forget=forget,
            delete_copies=delete_copies,
        )
    )


def reference_text(
    model: type[models.Model], *fields: str, label: str | None = None
) -> Declaration:
    """Texts administrators write about the service itself."""
    return _declare(Declaration(model, fields, REFERENCE_TEXT, _label(model, label)))


def derived(
    model: type[models.Model],
    *fields: str,
    why: str,
    follows: str | None = None,
    forget: Forget | None = None,
    age: Age | None = None,
) -> Declaration:
    """Values Sora computes from texts that have passed the guard."""
    return _declare(
        Declaration(
            model,
            fields,
            DERIVED,
            _label(model, None),
            follows=follows,
            forget=forget,
            age=age,
            why=why,
        )
    )


def not_text(model: type[models.Model], *fields: str, why: str) -> Declaration:
    """Fields that hold no typed text (codes, tokens, Sora's own records), with the reason."""
    return _declare(Declaration(model, fields, NOT_TEXT, _label(model, None), why=why))


def declarations(kind: str | None = None) -> list[Declaration]:
    return [d for d in _DECLARATIONS if kind is None or d.kind == kind]


def declaration_for(model: type[models.Model], name: str) -> Declaration | None:
    for declaration in _DECLARATIONS:
        if declaration.model is model and name in declaration.fields:
            return declaration
    return None


def guarded_declarations(model: type[models.Model]) -> list[Declaration]:
    return [d for d in _DECLARATIONS if d.model is model and d.guarded]


def copies_of(model: type[models.Model]) -> list[Declaration]:
    """Declarations whose rows follow rows of ``model``."""
    found = []
    for declaration in _DECLARATIONS:
        if declaration.follows is None:
            continue
        target = declaration.model._meta.get_field(declaration.follows).related_model
        if target is model and declaration not in found:
            found.append(declaration)
    return found


def strings_in(value: object) -> Iterator[str]:
    """Every string inside a stored value: the value itself or the strings of a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def stored_texts(kinds: Iterable[str] = (FREE_TEXT, REFERENCE_TEXT)) -> Iterator[tuple]:
    """``(label, "label:pk:field", text, language)`` for every stored text of the kinds."""
    for declaration in _DECLARATIONS:
        if declaration.kind not in kinds:
            continue
        language = declaration.language
        columns = ["pk", *declaration.fields]
        if language != ALL_LANGUAGES:
            columns.append(language)
        rows = declaration.model._base_manager.values_list(*columns)
        for row in rows.iterator():
            pk, values = row[0], row[1 : 1 + len(declaration.fields)]
            text_language = row[-1] if language != ALL_LANGUAGES else ALL_LANGUAGES
            for name, value in zip(declaration.fields, values, strict=True):
                for text in strings_in(value):
                    if text.strip():
                        yield (
                            declaration.label,
                            f"{declaration.label}:{pk}:{name}",
                            text,
                            (text_language or ALL_LANGUAGES),
                        )


def cutoff(days: int, now: dt.datetime) -> dt.datetime | None:
    """The moment before which rows are past ``days``; None when kept forever (0)."""
    return now - dt.timedelta(days=days) if days > 0 else None
