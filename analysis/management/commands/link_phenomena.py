import json

from django.core.management.base import BaseCommand, CommandError

from analysis import services
from analysis.models import Phenomenon
from reporting.models import Observation


class Command(BaseCommand):
    help = (
        'Link observations to phenomena from a JSONL file of {"external_id", "phenomenon"}; '
        "phenomena are found by name in the observation's organisation, or created."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        rows = self._rows(file)
        observations = Observation.objects.in_bulk(
            [row["external_id"] for _, row in rows], field_name="external_id"
        )
        errors = [
            f"line {number}: no observation has external_id {row['external_id']}"
            for number, row in rows
            if row["external_id"] not in observations
        ]
        if errors:
            raise CommandError("\n".join(errors))
        linked = 0
        for _, row in rows:
            observation = observations[row["external_id"]]
            phenomenon, _created = Phenomenon.objects.get_or_create(
                organisation=observation.organisation,
                name=row["phenomenon"],
                status=Phenomenon.Status.ACTIVE,
            )
            _link, created = services.link_observation(
                phenomenon=phenomenon, observation=observation, by=None, how="import"
            )
            linked += created
        self.stdout.write(f"linked {linked}, already linked {len(rows) - linked}")

    def _rows(self, file):
        try:
            with open(file, encoding="utf-8") as handle:
                lines = list(enumerate(handle, 1))
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from error
        rows = []
        for number, line in lines:
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise CommandError(f"line {number}: not valid JSON ({error})") from error
            if not isinstance(row, dict) or not row.get("external_id") or not row.get("phenomenon"):
                raise CommandError(f"line {number}: needs external_id and phenomenon")
            rows.append((number, {k: str(row[k]).strip() for k in ("external_id", "phenomenon")}))
        return rows
