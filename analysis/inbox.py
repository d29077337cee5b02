"""The analyst's inbox: filtering and searching the observations in their scope.

On PostgreSQL the text search uses the Finnish, Swedish and English dictionaries over a stored
search document (migration 0006), and the link filters use the indexed id arrays of migration
0007; on SQLite the search falls back to matching words in the text and the filters go through
the link tables.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from reporting.models import Supplement

# A stored, indexed column (migration 0006) on PostgreSQL.
SEARCH_DOCUMENT = '"reporting_observation"."search_document"'
# Each word is matched as a prefix of a stem: the Finnish stemmer cuts "vuokrarästi" and
# "vuokrarästit" differently, and a prefix of the shorter stem finds both.
SEARCH_QUERY = (
    "(to_tsquery('finnish', %s) || to_tsquery('swedish', %s) || to_tsquery('english', %s))"
)
WORD = re.compile(r"\w+")

# Form field, the many-to-many field behind it, and its id array on PostgreSQL (migration 0007).
LINK_FILTERS = [
    ("municipality", "municipalities", "municipality_ids"),
    ("target_group", "target_groups", "target_group_ids"),
    ("theme", "themes", "theme_ids"),
]

SORTS = {
    "newest": ("-submitted_at", "-id"),
    "oldest": ("submitted_at", "id"),
}


NUMBER = re.compile(r"(?:#|(?:nro|nr|no)\.?\s*)?(?P<pk>\d{1,12})", re.IGNORECASE)


def search(queryset: QuerySet, terms: str) -> QuerySet:
    """Full-text search of the texts; a lone number ("123", "#123", "nro 123") finds the
    observation of that number instead."""
    number = NUMBER.fullmatch(terms.strip())
    if number:
        return queryset.filter(pk=int(number["pk"]))
    words = WORD.findall(terms)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        # Only word characters reach to_tsquery, so its operators cannot be injected.
        query = " & ".join(f"{word}:*" for word in words)
        matches = RawSQL(  # noqa: S611  (constant SQL; the words go in as parameters)
            f"{SEARCH_DOCUMENT} @@ {SEARCH_QUERY}",
            [query, query, query],
            output_field=BooleanField(),
        )
        found = queryset.filter(matches)
    else:
        condition = Q()
        for word in words:
            condition &= Q(text__icontains=word) | Q(suggestion__icontains=word)
        found = queryset.filter(condition)
    supplemented = _supplemented(words)
    return (found | queryset.filter(pk__in=supplemented)) if supplemented else found


def _supplemented(words: list[str]) -> list[int]:
    """The observations with a reporter's supplement holding every word. The table is small,
    so it is read first: a search that no supplement matches keeps the text search's indexed
    plan instead of an OR that makes PostgreSQL read every observation."""
    condition = Q()
    for word in words:
        condition &= Q(text__icontains=word)
    return list(
        Supplement.objects.filter(condition).values_list("observation_id", flat=True)[:1000]
    )


def _linked_to(queryset: QuerySet, lookup: str, column: str, target) -> QuerySet:
    if connection.vendor != "postgresql":
        return queryset.filter(**{lookup: target})
    contains = RawSQL(  # noqa: S611  (the column name is a constant; the id is a parameter)
        f'"reporting_observation"."{column}" @> ARRAY[%s]::bigint[]',
        [target.pk],
        output_field=BooleanField(),
    )
    return queryset.filter(contains)


def apply_filters(queryset: QuerySet, data: dict, *, user=None) -> QuerySet:
    """Narrow the queryset by the inbox form's cleaned data; empty values filter nothing.
    "Assigned to me" needs the ``user``."""
    if data.get("assigned") == "me" and user is not None:
        queryset = queryset.filter(assignment__assignee=user)
    elif data.get("assigned") == "nobody":
        queryset = queryset.filter(assignment__isnull=True)
    if data.get("start"):
        queryset = queryset.filter(submitted_at__date__gte=data["start"])
    if data.get("end"):
        queryset = queryset.filter(submitted_at__date__lte=data["end"])
    for name, lookup, column in LINK_FILTERS:
        if data.get(name):
            queryset = _linked_to(queryset, lookup, column, data[name])
    if data.get("whole_county"):
        queryset = queryset.filter(whole_county=data["whole_county"] == "yes")
    for name, field in [
        ("phenomenon", "phenomenon_links__phenomenon"),
        ("signal", "signal"),
        ("novelty", "novelty"),
        ("status", "status"),
        ("campaign", "campaign"),
        ("organisation_type", "organisation__type"),
    ]:
        if data.get(name):
            queryset = queryset.filter(**{field: data[name]})
    queryset = search(queryset, data.get("q") or "")
    return queryset.order_by(*SORTS.get(data.get("sort") or "newest", SORTS["newest"]))


def serialise(cleaned: dict) -> dict[str, str]:
    """The inbox form's validated values as query-string values: ids, codes, dates and the
    search words, nothing else. ``status`` is always kept, so that "all statuses" (empty)
    is remembered as a choice rather than taken for no choice at all."""
    values = {}
    for name, value in cleaned.items():
        if value in (None, ""):
            continue
        if hasattr(value, "pk"):
            value = value.pk
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        values[name] = str(value)
    values.setdefault("status", "")
    return values


def next_after(queryset: QuerySet, observation, sort: str):
    """The observation after ``observation`` in the list's order, whether or not the
    observation itself still matches the filters (triage may just have taken it out)."""
    if (sort or "newest") == "oldest":
        later = Q(submitted_at__gt=observation.submitted_at) | Q(
            submitted_at=observation.submitted_at, pk__gt=observation.pk
        )
    else:
        later = Q(submitted_at__lt=observation.submitted_at) | Q(
            submitted_at=observation.submitted_at, pk__lt=observation.pk
        )
    return queryset.filter(later).first()
