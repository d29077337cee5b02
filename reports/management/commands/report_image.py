"""Picture the first pages of a county report, for the README:

    manage.py report_image --out docs/report-demo.png [--period 2026Q3] [--pages 3]

Builds the county report of the period (by default the last whole quarter) as a PDF, turns its
first pages into images with ``pdftoppm`` (poppler-utils) and sets them side by side.
"""

import datetime
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.build import build_content
from reports.definition import Definition
from reports.outputs import render
from reports.periods import QUARTER, PeriodError, calendar_period, parse_period

GAP = 24
RESOLUTION = "60"


class Command(BaseCommand):
    help = "Write a PNG of the first pages of a county report."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True)
        parser.add_argument("--period", default="", help="by default the last whole quarter")
        parser.add_argument("--pages", type=int, default=3)
        parser.add_argument("--language", choices=["fi", "sv", "en"], default="fi")

    def handle(self, *args, **options):
        pdftoppm = shutil.which("pdftoppm")
        if pdftoppm is None:
            raise CommandError("pdftoppm is missing: install poppler-utils.")
        try:
            period = parse_period(options["period"]) if options["period"] else _last_quarter()
        except PeriodError as error:
            raise CommandError(str(error)) from error
        content = build_content(Definition(period=period, language=options["language"]))
        with tempfile.TemporaryDirectory() as scratch:
            pdf = Path(scratch) / "report.pdf"
            pdf.write_bytes(render(content, "pdf"))
            pages = str(max(1, options["pages"]))
            subprocess.run(  # noqa: S603  (a fixed program on a file this command wrote)
                [pdftoppm, "-png", "-r", RESOLUTION, "-f", "1", "-l", pages, pdf, f"{scratch}/p"],
                check=True,
            )
            _side_by_side(sorted(Path(scratch).glob("p*.png")), Path(options["out"]))
        self.stdout.write(f"{options['out']}: {period.code()}, {pages} pages")


def _last_quarter():
    this_quarter = calendar_period(QUARTER, timezone.localdate())
    return calendar_period(QUARTER, this_quarter.first_day - datetime.timedelta(days=1))


def _side_by_side(images: list[Path], out: Path) -> None:
    from PIL import Image, ImageOps

    pages = [ImageOps.expand(Image.open(path), border=1, fill="#888888") for path in images]
    width = sum(page.width for page in pages) + GAP * (len(pages) + 1)
    height = max(page.height for page in pages) + 2 * GAP
    sheet = Image.new("RGB", (width, height), "#e8edf1")
    x = GAP
    for page in pages:
        sheet.paste(page, (x, GAP))
        x += page.width + GAP
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, optimize=True)
