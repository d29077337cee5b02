import json as jsonlib

from django.core.management.base import BaseCommand

from analysis import phenomena_help
from analysis.models import Phenomenon
from reporting.models import Observation


class Command(BaseCommand):
    help = "Suggest new phenomena by grouping the observations linked to no phenomenon."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--min-size", type=int, default=3)

    def handle(self, *args, json: bool = False, min_size: int = 3, **options):
        groups = phenomena_help.suggested_groups(
            Observation.objects.all(), Phenomenon.objects.active(), min_size=min_size
        )
        data = {
            "groups": [
                {
                    "label": group.label,
                    "external_ids": [
                        o.external_id or f"sora:{o.receipt_code}" for o in group.observations
                    ],
                }
                for group in groups
            ]
        }
        if json:
            self.stdout.write(jsonlib.dumps(data, ensure_ascii=False))
            return
        for group in data["groups"]:
            self.stdout.write(f"{group['label']} ({len(group['external_ids'])})")
