"""Reading a rendered PDF back as a reader sees it: word boxes from ``pdftotext
-bbox-layout`` (poppler-utils) and page pictures from ``pdftoppm``."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    def overlaps(self, other: Word) -> bool:
        """Whether the two are printed over each other. A box spans the font's whole ascent
        and descent, more than a line's height in tightly set text, so lines whose boxes
        share less than a quarter of their height are next to each other, not over."""
        across = min(self.x_max, other.x_max) - max(self.x_min, other.x_min)
        down = min(self.y_max, other.y_max) - max(self.y_min, other.y_min)
        shortest = min(self.y_max - self.y_min, other.y_max - other.y_min)
        return across > 0.5 and down > shortest / 4


@dataclass
class Page:
    width: float
    height: float
    lines: list[list[Word]]

    @property
    def words(self) -> list[Word]:
        return [word for line in self.lines for word in line]


def pages(pdf: Path) -> list[Page]:
    """Every page's lines of words, in points from the top left corner."""
    out = subprocess.run(
        [shutil.which("pdftotext"), "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ET.fromstring(out)  # noqa: S314  (poppler's output for a file the test made)
    found = []
    for page in root.iter(f"{XHTML}page"):
        words = [
            Word(word.text or "", *(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for word in page.iter(f"{XHTML}word")
        ]
        found.append(Page(float(page.get("width")), float(page.get("height")), _lines(words)))
    return found


def _lines(words: list[Word], tolerance: float = 2.0) -> list[list[Word]]:
    """Words grouped into lines as the eye reads them: by their baseline, left to right
    (pdftotext's own lines follow its text blocks, so a table row is several of them)."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.y_max, w.x_min)):
        if lines and abs(lines[-1][0].y_max - word.y_max) <= tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x_min) for line in lines]


def text_of(pdf: Path) -> str:
    return subprocess.run(
        [shutil.which("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pictures(pdf: Path, folder: Path, dpi: int) -> list[Path]:
    """Each page as a PNG, in page order."""
    subprocess.run(
        [shutil.which("pdftoppm"), "-r", str(dpi), "-png", str(pdf), str(folder / "page")],
        check=True,
    )
    return sorted(folder.glob("page-*.png"))


def to_pdf(document: Path, profile: Path) -> Path:
    """``document`` printed to PDF by LibreOffice, with its own profile so that runs do not
    share (or wait for) one."""
    out = document.parent / "printed"
    subprocess.run(
        [
            shutil.which("soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{document.stem}.pdf"
