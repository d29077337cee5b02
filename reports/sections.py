"""The sections of a report, each drafted by one small function, in the order they appear.

Every function takes the report's ``Facts`` and returns a ``Section`` (or None when it has
nothing to say). Counts go into tables as ``Count`` cells under a key naming the quantity;
the suppression of the whole report happens afterwards, in ``content.show_sections``, so a
new section only has to name its counts and the sums they take part in.

A new section is one more function in ``SECTIONS``, at the place it is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

import privacy
from accounts.models import OrganisationType, Profession
from analysis import indicators
from analysis.models import Phenomenon
from analysis.signals import RISING, THEME, Names, SignalParams, detect_signals
from proposals.models import Decision, Status
from reporting.models import Municipality, Signal, TargetGroup, Theme
from reports import periods, quotes
from reports.content import Change, Count, Item, Measure, Quote, Section, Share, TableSpec, Text
from reports.facts import CURRENT, PREVIOUS, TREND, WHEN, Facts
from reports.suppression import Constraint

SIGNALS_LISTED = 10
BASELINE_WEEKS = 52
NOT_RECORDED = "none"


def _period_columns() -> list[str]:
    return [
        _("This period"),
        _("Previous period"),
        pgettext("difference", "Change"),
        _("Share of observations"),
    ]


def _period_cells(facts: Facts, key: tuple, values: dict[str, int]) -> list:
    current = Count((*key, CURRENT), values.get(CURRENT, 0))
    previous = Count((*key, PREVIOUS), values.get(PREVIOUS, 0))
    whole = Count(("all", CURRENT), facts.total(CURRENT))
    return [current, previous, Change(current, previous), Share(current, whole)]


def _dimension(
    facts: Facts,
    *,
    table_id: str,
    caption: str,
    row_header: str,
    counts: dict[str, dict],
    names: dict,
    partition: bool,
    chart_title: str = "",
) -> TableSpec:
    """One row per value with observations in either period; a partition of all observations
    (one value per observation) also adds up to the total, which the suppression respects."""
    ids = {i for when in WHEN for i, n in counts[when].items() if n}
    ordered = sorted(ids, key=lambda i: (-counts[CURRENT].get(i, 0), names.get(i, "")))
    rows = [
        (names.get(i, _("Not recorded")), _period_cells(facts, (table_id, i), _by_when(counts, i)))
        for i in ordered
    ]
    constraints = _sums_to_all(facts, table_id, ordered, counts, always=partition)
    if partition:
        rows.append((_("All observations"), _all_cells(facts)))
    return TableSpec(
        id=table_id,
        caption=caption,
        columns=_period_columns(),
        rows=rows,
        constraints=constraints,
        chart_title=chart_title,
        chart_column=0 if chart_title else -1,
        row_header=row_header,
        order_by=0,
        tail=1 if partition else 0,
        nonzero=[tuple((table_id, i, when) for when in WHEN) for i in ordered],
    )


def _sums_to_all(
    facts: Facts, table_id: str, ordered: list, counts: dict[str, dict], *, always: bool
) -> list[Constraint]:
    """The sums a reader could rely on: a partition always adds up to all observations, and
    a table of several values per observation does so when, in this period, each observation
    happened to have exactly one; the suppression must then treat it as a partition too."""
    return [
        Constraint(("all", when), tuple((table_id, i, when) for i in ordered))
        for when in WHEN
        if always or sum(counts[when].get(i, 0) for i in ordered) == facts.total(when)
    ]


def _by_when(counts: dict[str, dict], key) -> dict[str, int]:
    return {when: counts[when].get(key, 0) for when in WHEN}


def _all_cells(facts: Facts) -> list:
    current, previous = (_total_count(facts, w) for w in WHEN)
    return [current, previous, Change(current, previous), Share(current, current)]


def _total_count(facts: Facts, when: str) -> Count:
    return Count(("all", when), facts.total(when))


def _names(model, ids) -> dict:
    wanted = [i for i in ids if isinstance(i, int)]  # not the "none" of unrecorded values
    return {obj.pk: obj.name for obj in model.objects.filter(pk__in=wanted)}


# The sections, in order.


def summary(facts: Facts) -> Section | None:
    return _narrative(facts, "summary", _("Summary"))


def key_figures(facts: Facts) -> Section:
    rows = [(_("All observations"), _all_cells(facts))]
    for signal in Signal:
        values = {w: facts.by_field(w, "signal").get(signal.value, 0) for w in WHEN}
        rows.append((str(signal.label), _period_cells(facts, ("signal", signal.value), values)))
    constraints = [
        Constraint(("all", w), tuple(("signal", s.value, w) for s in Signal)) for w in WHEN
    ]
    table = TableSpec(
        "key-figures", _("Observations by signal"), _period_columns(), rows, constraints
    )
    period = facts.periods[PREVIOUS]
    note = _("The previous period is %(first)s–%(last)s.") % {
        "first": date_format(period.first_day, "SHORT_DATE_FORMAT"),
        "last": date_format(period.last_day, "SHORT_DATE_FORMAT"),
    }
    table.note = note
    return Section("key-figures", _("Key figures"), tables=[table])


def trend(facts: Facts) -> Section | None:
    """The observations of this period and the five before it, by signal, in an internal
    report. A public report has none: each earlier period would have to be protected
    against every public report that shows it, which the publication rule does not do."""
    if facts.definition.public:
        return None
    rows, constraints = [], []
    for when in TREND:
        signals = [
            Count(("signal", s.value, when), facts.by_field(when, "signal").get(s.value, 0))
            for s in Signal
        ]
        rows.append(
            (periods.period_name(facts.periods[when]), [_total_count(facts, when), *signals])
        )
        constraints.append(Constraint(("all", when), tuple(c.key for c in signals)))
    table = TableSpec(
        "trend",
        _("Observations in the last %(count)s periods") % {"count": len(TREND)},
        [_("All observations"), *(str(s.label) for s in Signal)],
        rows,
        constraints,
        chart_title=_("All observations per period"),
        chart_column=0,
        row_header=_("Period"),
    )
    intro = _(
        "How the number of observations has developed, oldest period first. Small counts are "
        "hidden as everywhere in the report."
    )
    return Section("trend", _("Trend"), paragraphs=[intro], tables=[table])


def themes(facts: Facts) -> Section:
    names = _names(Theme, facts.theme_ids)
    counts = {w: facts.theme_signal(w) for w in WHEN}
    totals = {w: {} for w in WHEN}
    for when in WHEN:
        for (theme, _signal), n in counts[when].items():
            totals[when][theme] = totals[when].get(theme, 0) + n
    ordered = sorted(facts.theme_ids, key=lambda t: (-totals[CURRENT].get(t, 0), names[t]))
    rows, constraints = [], []
    for theme in ordered:
        by_signal = [
            Count(("theme", theme, s.value, CURRENT), counts[CURRENT].get((theme, s.value), 0))
            for s in Signal
        ]
        cells = _period_cells(facts, ("theme", theme), _by_when(totals, theme))
        rows.append((names[theme], [*by_signal, *cells]))
        constraints.append(Constraint(("theme", theme, CURRENT), tuple(c.key for c in by_signal)))
    constraints += _sums_to_all(facts, "theme", ordered, totals, always=False)
    columns = [str(s.label) for s in Signal] + [_("Total"), *_period_columns()[1:]]
    table = TableSpec(
        "themes",
        _("Observations by theme"),
        columns,
        rows,
        constraints,
        note=_("One observation may concern several themes."),
        chart_title=_("Observations by theme in the period"),
        chart_column=len(Signal),
        row_header=_("Theme"),
        order_by=len(Signal),
        nonzero=[tuple(("theme", theme, when) for when in WHEN) for theme in ordered],
    )
    tables = [table]
    statistics = _indicator_table(facts)
    if statistics is not None:
        tables.append(statistics)
    return Section("themes", _("Themes"), tables=tables)


def _indicator_table(facts: Facts) -> TableSpec | None:
    rows = indicators.latest_for_themes(Theme.objects.filter(pk__in=facts.theme_ids), limit=12)
    if not rows:
        return None
    return TableSpec(
        "indicators",
        _("Official statistics beside the themes"),
        [_("Region"), _("Year"), _("Value")],
        [
            (r["indicator"], [Text(r["region"]), Text(str(r["year"])), Measure(r["value"])])
            for r in rows
        ],
        note=_("The newest values of the indicators linked to the themes of this report."),
        row_header=_("Indicator"),
    )


def signals(facts: Facts) -> Section:
    period = facts.periods[CURRENT]
    params = SignalParams(
        as_of=period.last_day,
        windows=(max(1, round(period.days / 7)),),
        baseline_weeks=BASELINE_WEEKS,
    )
    definition = facts.definition
    findings = detect_signals(
        params, organisation_ids=definition.organisation_ids, phenomena=definition.phenomena()
    )
    if definition.municipality_ids:
        findings = [f for f in findings if f.key.municipality_id in definition.municipality_ids]
    section = Section(
        "signals",
        _("Rising and falling signals"),
        paragraphs=[
            _(
                "Themes and phenomena whose observations became clearly more or less frequent "
                "in the period than in the %(weeks)s weeks before it."
            )
            % {"weeks": BASELINE_WEEKS}
        ],
    )
    if definition.target_group_id is not None:
        section.paragraphs.append(_("The signals cover every target group."))
    if definition.public:
        section.paragraphs.append(
            _(
                "A report for everyone lists the signals without their rates: next to the "
                "figures of earlier public reports, a rate could reveal a hidden count."
            )
        )
    for direction, caption in ((RISING, _("Rising signals")), ("falling", _("Falling signals"))):
        listed = [f for f in findings if f.direction == direction][:SIGNALS_LISTED]
        if listed:
            section.tables.append(
                _signal_table(direction, caption, listed, rates=not definition.public)
            )
    if not section.tables:
        section.paragraphs.append(_("No theme or phenomenon rose or fell clearly in the period."))
    return section


def _signal_table(direction: str, caption: str, findings, *, rates: bool) -> TableSpec:
    """The signals without their counts: the weekly windows are not the report's period, so
    a count here could reveal, next to the tables of the period, a count hidden there. A
    report for everyone leaves out the rates too: the year before a signal's window is
    about the four quarters of earlier public reports, whose hidden counts a rate could
    then help to work out."""
    names = Names.for_findings(findings)
    rows = []
    for finding in findings:
        municipality = names.municipality(finding.key)
        kind = _("Theme") if finding.key.kind == THEME else _("Phenomenon")
        cells = [
            Text(kind),
            Text(_area(finding, names, municipality)),
            Text(str(Signal(finding.key.signal).label)),
        ]
        if rates:
            cells.append(Text(_rate(finding)))
        rows.append((names.subject(finding.key).name, cells))
    columns = [_("Kind"), _("Area"), _("Signal")]
    if rates:
        columns.append(_("Frequency compared with before"))
    return TableSpec(
        f"signals-{direction}", caption, columns, rows, row_header=_("Theme or phenomenon")
    )


def _area(finding, names: Names, municipality) -> str:
    if municipality is not None:
        return municipality.name
    group = names.target_group(finding.key)
    if group is not None:
        return _("%(group)s, whole county") % {"group": group.name}
    return _("Whole county")


def _rate(finding) -> str:
    if not finding.expected:
        return _("new")
    return _("%(ratio)s times") % {"ratio": number_format(finding.recent / finding.expected, 1)}


def target_groups(facts: Facts) -> Section:
    counts = {w: facts.by_relation(w, "target_groups", "targetgroup_id") for w in WHEN}
    table = _dimension(
        facts,
        table_id="target-groups",
        caption=_("Observations by target group"),
        row_header=_("Target group"),
        counts=counts,
        names=_names(TargetGroup, {i for w in WHEN for i in counts[w]}),
        partition=False,
        chart_title=_("Observations by target group in the period"),
    )
    table.note = _("One observation may concern several target groups.")
    return Section("target-groups", _("Target groups"), tables=[table])


def municipalities(facts: Facts) -> Section:
    counts = {w: dict(facts.by_relation(w, "municipalities", "municipality_id")) for w in WHEN}
    names = _names(Municipality, {i for w in WHEN for i in counts[w]})
    for when in WHEN:
        counts[when]["county"] = facts.whole_county(when)
    names["county"] = _("The whole county")
    table = _dimension(
        facts,
        table_id="municipalities",
        caption=_("Observations by municipality"),
        row_header=_("Municipality"),
        counts=counts,
        names=names,
        partition=False,
        chart_title=_("Observations by municipality in the period"),
    )
    table.note = _("One observation may concern several municipalities.")
    return Section("municipalities", _("Municipalities"), tables=[table])


def organisation_types(facts: Facts) -> Section:
    counts = {w: facts.by_field(w, "organisation__type_id") for w in WHEN}
    table = _dimension(
        facts,
        table_id="organisation-types",
        caption=_("Observations by organisation type"),
        row_header=_("Organisation type"),
        counts=counts,
        names=_names(OrganisationType, {i for w in WHEN for i in counts[w]}),
        partition=True,
        chart_title=_("Observations by organisation type in the period"),
    )
    return Section("organisation-types", _("Organisation types"), tables=[table])


def phenomena(facts: Facts) -> Section | None:
    counts = {w: facts.phenomena(w) for w in WHEN}
    main = quotes.main_phenomena(facts)
    if not main:
        return None
    found = Phenomenon.objects.in_bulk(main)
    rows = [
        (
            found[pk].name,
            [Count(("phenomenon", pk, w), counts[w].get(pk, 0)) for w in WHEN],
        )
        for pk in main
    ]
    table = TableSpec(
        "phenomena",
        _("The main phenomena of the period"),
        [_("This period"), _("Previous period")],
        rows,
        note=_("Observations linked to each phenomenon."),
        row_header=_("Phenomenon"),
        order_by=0,
        nonzero=[(("phenomenon", pk, CURRENT),) for pk in main],
    )
    report_id = facts.definition.report_id
    chosen = quotes.checked_quotes(facts, report_id) if report_id is not None else {}
    items = [
        _phenomenon_item(facts, phenomenon, quotes.shown(chosen.get(phenomenon.pk, [])))
        for phenomenon in quotes.quotable_phenomena(facts)
    ]
    intro = _(
        "Phenomena are patterns that analysts found by linking observations that tell of the "
        "same matter. Each main phenomenon of the period is described below, with the "
        "excerpts of observations the analysts chose to quote."
    )
    return Section("phenomena", _("Main phenomena"), [intro], tables=[table], items=items)


def _phenomenon_item(facts: Facts, phenomenon: Phenomenon, chosen: list) -> Item:
    """A phenomenon with its description and the quotes an analyst chose for it; nothing is
    quoted that no one chose."""
    language = facts.definition.language
    paragraphs = [phenomenon.description] if _passes_guard(phenomenon.description, language) else []
    return Item(
        phenomenon.name,
        paragraphs,
        [Quote(q.text, q.observation_id, _language_of(q)) for q in chosen],
    )


def _language_of(quote) -> str:
    return quote.observation.language if quote.observation_id is not None else ""


def _passes_guard(text: str, language: str) -> bool:
    return bool(text.strip()) and not privacy.scan(text, language)


def proposals(facts: Facts) -> Section | None:
    """How many proposals in scope moved in the period, and which ones: in a public report
    only those the analysts published on the public pages. Titles and statuses only, never
    the evidence behind them."""
    counts = {w: facts.proposal_counts(w) for w in WHEN}
    lines = facts.proposal_lines(published_only=facts.definition.public)
    if not lines and not any(n for w in WHEN for n in counts[w].values()):
        return None

    def cells(*key: str) -> list:
        return [Count(("proposal", *key, w), counts[w].get(key, 0)) for w in WHEN]

    answered = Status.ANSWERED.value
    rows = [
        (_("Submitted to the recipient in the period"), cells(Status.SUBMITTED.value)),
        (_("Answered in the period"), cells(answered)),
        *(
            (
                _("– of which: %(decision)s") % {"decision": str(d.label).lower()},
                cells(answered, d.value),
            )
            for d in Decision
        ),
        (_("In implementation at the end of the period"), cells(Status.IMPLEMENTATION.value)),
        (_("Implemented in the period"), cells(Status.IMPLEMENTED.value)),
        (_("Closed in the period"), cells(Status.CLOSED.value)),
    ]
    constraints = [
        Constraint(
            ("proposal", answered, w), tuple(("proposal", answered, d, w) for d in Decision.values)
        )
        for w in WHEN
    ]
    table = TableSpec(
        "proposals",
        _("Action proposals by status"),
        [_("This period"), _("Previous period")],
        rows,
        constraints,
        note=_("Proposals answered more than once in a period are counted by their latest answer."),
        row_header=_("Action proposals"),
    )
    section = Section(
        "proposals",
        _("Action proposals and their status"),
        paragraphs=[
            _(
                "Action proposals that the organisations of this report prepared from the "
                "observations and delivered to decision-makers."
            )
        ],
        tables=[table],
    )
    if lines:
        section.tables.append(_proposal_list(facts, lines))
    if facts.definition.public:
        section.paragraphs.append(
            _("Only the proposals published on the public pages of Sora are listed.")
        )
    if not lines:
        section.paragraphs.append(_("No action proposal is listed for the period."))
    return section


def _proposal_list(facts: Facts, lines) -> TableSpec:
    columns = [_("Status"), _("Decision")]
    if not facts.definition.public:
        columns.append(_("Recipient body"))
    rows = [
        (
            line.title,
            [Text(line.status), Text(line.decision)]
            + ([] if facts.definition.public else [Text(line.recipient)]),
        )
        for line in lines
    ]
    return TableSpec(
        "proposal-list",
        _("Action proposals of the period"),
        columns,
        rows,
        note=_(
            "Proposals delivered to their recipient that moved in the period or were still "
            "open at its end, with their status at the end of the period."
        ),
        row_header=_("Action proposal"),
    )


def participation(facts: Facts) -> Section:
    rows = []
    for field, label in (
        ("organisation_id", _("Organisations that reported")),
        ("profession_id", _("Professions represented")),
    ):
        cells = [Count(("distinct", field, w), facts.distinct(w, field)) for w in WHEN]
        rows.append((label, [*cells, Change(*cells)]))
    overview = TableSpec(
        "participation",
        _("Who reported"),
        [_("This period"), _("Previous period"), pgettext("difference", "Change")],
        rows,
        row_header=_("Participants"),
    )
    counts = {w: _none_as(facts.by_field(w, "profession_id")) for w in WHEN}
    professions = _dimension(
        facts,
        table_id="professions",
        caption=_("Observations by profession"),
        row_header=_("Profession"),
        counts=counts,
        names=_names(Profession, {i for w in WHEN for i in counts[w]}),
        partition=True,
    )
    return Section(
        "participation",
        _("Participation"),
        paragraphs=[_("Sora counts organisations and professions, never individual reporters.")],
        tables=[overview, professions],
    )


def _none_as(counts: dict) -> dict:
    return {NOT_RECORDED if key is None else key: n for key, n in counts.items()}


def conclusions(facts: Facts) -> Section | None:
    return _narrative(facts, "conclusions", _("Conclusions"))


def recommendations(facts: Facts) -> Section | None:
    return _narrative(facts, "recommendations", _("Recommendations"))


def about(facts: Facts) -> Section:
    return Section(
        "about",
        _("About the figures"),
        paragraphs=[
            _(
                "To protect privacy, counts from 1 to %(below)s are shown as “<%(threshold)s”. "
                "Where such a count could be worked out from a total, further counts are "
                "hidden and shown as “x”. A change or a share that would reveal a hidden count, "
                "or a share of fewer than %(threshold)s observations, is shown as “–”."
            )
            % {"below": facts.threshold - 1, "threshold": facts.threshold},
            _(
                "The figures count observations that professionals reported in Sora. They "
                "describe what professionals saw, not how many clients were affected."
            ),
        ],
    )


def _narrative(facts: Facts, key: str, title: str) -> Section | None:
    text = facts.definition.narrative.get(key, "").strip()
    if not text:
        return None
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return Section(key, title, paragraphs=paragraphs)


SECTIONS: list[Callable[[Facts], Section | None]] = [
    summary,
    key_figures,
    trend,
    themes,
    signals,
    target_groups,
    municipalities,
    organisation_types,
    phenomena,
    proposals,
    participation,
    conclusions,
    recommendations,
    about,
]
