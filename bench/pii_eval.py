"""Measure the personal-data guard on a labelled JSONL set.

    .venv/bin/python bench/pii_eval.py [--set dev|evasion|heldout | --data FILE]
                                       [--no-voikko] [--seconds N] [--errors]

Prints per-kind recall and precision (a finding matches a gold span when they overlap and have
the same kind), recall and precision over all kinds pooled, the share of clean texts with any
finding, throughput on one core and peak resident memory, one figure per line. Sets whose gold
spans name their writing form and whose clean texts name their category (the careless-writing
sets) also get recall per form and the share of clean texts with findings per category.
"""

import argparse
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "dev": ROOT / "privacy" / "tests" / "data" / "pii-dev.jsonl",
    "evasion": ROOT / "privacy" / "tests" / "data" / "pii-evasion.jsonl",
    "heldout": ROOT / "privacy" / "tests" / "data" / "pii-heldout.jsonl",
}
KINDS = ("personal_id", "phone", "email", "iban", "address", "name")


def _set_up_django() -> None:
    """The guard needs only gettext, so a minimal configuration is enough when none is set."""
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True, INSTALLED_APPS=["privacy"], LANGUAGE_CODE="en")
    django.setup()


def _load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _overlap(a: dict, b) -> bool:
    return a["start"] < b.end and b.start < a["end"] and a["kind"] == b.kind


def evaluate(rows: list[dict], show_errors: bool) -> dict[str, float]:
    from privacy import scan

    gold_total, gold_found = Counter(), Counter()
    found_total, found_right = Counter(), Counter()
    form_total, form_found = Counter(), Counter()
    clean_total, clean_flagged = Counter(), Counter()
    for row in rows:
        findings = scan(row["text"], row["lang"])
        spans = row["spans"]
        for span in spans:
            found = any(_overlap(span, f) for f in findings)
            gold_total[span["kind"]] += 1
            gold_found[span["kind"]] += found
            if "form" in span:
                form_total[(span["kind"], span["form"])] += 1
                form_found[(span["kind"], span["form"])] += found
            if not found and show_errors:
                form = f"/{span['form']}" if "form" in span else ""
                typed = row["text"][span["start"] : span["end"]]
                print(f"MISS {row['id']} {span['kind']}{form} {typed!r}")
        for finding in findings:
            found_total[finding.kind] += 1
            if any(_overlap(span, finding) for span in spans):
                found_right[finding.kind] += 1
            elif show_errors:
                category = f" [{row['negative']}]" if row.get("negative") else ""
                print(
                    f"FALSE {row['id']}{category} {finding.kind} {finding.text!r} | {row['text']}"
                )
        if not spans:
            # None counts every clean text; a set may also name each one's category.
            for category in {None, row.get("negative")}:
                clean_total[category] += 1
                clean_flagged[category] += bool(findings)
    figures = {}
    for kind in KINDS:
        if not gold_total[kind] and not found_total[kind]:
            print(f"{kind} recall - precision - (no gold spans, no findings)")
            continue
        recall = gold_found[kind] / gold_total[kind] if gold_total[kind] else 1.0
        precision = found_right[kind] / found_total[kind] if found_total[kind] else 1.0
        figures[f"{kind}_recall"], figures[f"{kind}_precision"] = recall, precision
        print(
            f"{kind} recall {recall:.3f} precision {precision:.3f} "
            f"(gold {gold_total[kind]}, found {found_total[kind]})"
        )
    figures.update(_print_pooled(gold_total, gold_found, found_total, found_right))
    for (kind, form), total in sorted(form_total.items(), key=_in_kind_order):
        recall = form_found[(kind, form)] / total
        figures[f"{kind}/{form}_recall"] = recall
        print(f"form {kind}/{form} recall {recall:.3f} ({form_found[(kind, form)]} of {total})")
    clean, flagged = clean_total[None], clean_flagged[None]
    share = flagged / clean if clean else 0.0
    figures["clean_flagged"] = share
    print(f"clean texts with findings {share:.3f} ({flagged} of {clean})")
    for category in sorted(c for c in clean_total if c is not None):
        share = clean_flagged[category] / clean_total[category]
        figures[f"clean_{category}_flagged"] = share
        print(
            f"clean {category} with findings {share:.3f} "
            f"({clean_flagged[category]} of {clean_total[category]})"
        )
    return figures


def _print_pooled(
    gold_total: Counter, gold_found: Counter, found_total: Counter, found_right: Counter
) -> dict[str, float]:
    gold, found = sum(gold_total.values()), sum(found_total.values())
    recall = sum(gold_found.values()) / gold if gold else 1.0
    precision = sum(found_right.values()) / found if found else 1.0
    print(f"overall recall {recall:.3f} precision {precision:.3f} (gold {gold}, found {found})")
    return {"recall": recall, "precision": precision}


def _in_kind_order(item: tuple[tuple[str, str], int]) -> tuple[int, str]:
    (kind, form), _ = item
    return KINDS.index(kind) if kind in KINDS else len(KINDS), form


def throughput(rows: list[dict], seconds: float, cold: bool = False) -> float:
    """KB of text scanned per CPU second on one core, repeating the corpus for ``seconds``.

    With ``cold`` the per-word caches are emptied before every round, as if each round were
    new text.
    """
    from privacy import scan
    from privacy.detectors import finnish, lexicon

    size = sum(len(row["text"].encode("utf-8")) for row in rows)
    done = 0
    started = time.process_time()
    while time.process_time() - started < seconds:
        if cold:
            lexicon.word_facts.cache_clear()
            finnish.base_candidates.cache_clear()
        for row in rows:
            scan(row["text"], row["lang"])
        done += size
    return done / 1024 / (time.process_time() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--data", type=Path, help="a JSONL set (default: the development set)")
    chosen.add_argument("--set", choices=SETS, help="dev, evasion or heldout in tests/data")
    parser.add_argument("--no-voikko", action="store_true", help="measure the list fallback")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--errors", action="store_true", help="print each miss and false alarm")
    args = parser.parse_args()

    _set_up_django()
    from privacy.detectors.lexicon import set_voikko_enabled
    from privacy.guard import voikko_available

    if args.no_voikko:
        set_voikko_enabled(False)
    data = args.data or SETS[args.set or "dev"]
    rows = _load(data)
    print(f"data {data} ({len(rows)} texts)")
    print(f"voikko {'yes' if voikko_available() else 'no'}")
    evaluate(rows, args.errors)
    print(f"throughput {throughput(rows, args.seconds):.0f} KB/s")
    print(f"throughput with empty word caches {throughput(rows, args.seconds, cold=True):.0f} KB/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
