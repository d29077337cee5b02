import json as jsonlib

from django.core.management.base import BaseCommand

from analysis import phenomena_help
from analysis.models import Phenomenon
from reporting.models import Observation


class Command(BaseCommand):
    help = (
        "Suggest up to three existing phenomena, best first and with their fit, for every "
        "unlinked observation (none when it fits no phenomenon)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, json: bool = False, **options):
        results = phenomena_help.assignments(Observation.objects.all(), Phenomenon.objects.active())
        rows = [
            {
                "external_id": r.observation.external_id or f"sora:{r.observation.receipt_code}",
                "suggestions": [s.phenomenon.name for s in r.suggestions],
                "scores": [round(s.score, 3) for s in r.suggestions],
            }
            for r in results
        ]
        if json:
            self.stdout.write(_dumps({"assignments": rows}))
            return
        for row in rows:
            shown = (
                f"{name} ({score:.0%})"
                for name, score in zip(row["suggestions"], row["scores"], strict=True)
            )
            self.stdout.write(f"{row['external_id']}: {', '.join(shown) or '-'}")


def _dumps(data) -> str:
    return jsonlib.dumps(data, ensure_ascii=False)
