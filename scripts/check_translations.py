"""Check the fi, sv and en catalogues: every string in the code is translated, none is fuzzy,
and every catalogue compiles.

The project's catalogues live in `locale/`; an app may keep its own in `<app>/locale/`
(makemessages then writes that app's strings there). The catalogues are regenerated from
the code into scratch copies, so the check also fails when a new string was added without
translations. The working tree is left as it was.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import django
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
LANGUAGES = ("fi", "sv", "en")


def msgattrib(po: Path, flag: str) -> str:
    result = subprocess.run(
        ["msgattrib", flag, "--no-obsolete", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def check_folder(folder: Path) -> list[str]:
    problems = []
    for language in LANGUAGES:
        po = folder / language / "LC_MESSAGES" / "django.po"
        if not po.exists():
            problems.append(f"{po.relative_to(ROOT)}: missing")
            continue
        untranslated = msgattrib(po, "--untranslated").count('\nmsgid "')
        fuzzy = msgattrib(po, "--only-fuzzy").count('\nmsgid "')
        subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], check=True)
        if untranslated or fuzzy:
            where = po.relative_to(ROOT)
            problems.append(f"{where}: {untranslated} untranslated, {fuzzy} fuzzy")
    return problems


def main() -> int:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora.settings")
    django.setup()
    problems = []
    folders = [LOCALE, *sorted(path for path in ROOT.glob("*/locale") if path.is_dir())]
    with tempfile.TemporaryDirectory() as scratch:
        saved = [Path(scratch) / str(index) for index in range(len(folders))]
        for folder, copy in zip(folders, saved, strict=True):
            shutil.copytree(folder, copy)
        try:
            call_command(
                "makemessages",
                locale=list(LANGUAGES),
                ignore_patterns=[".venv", "bench", "scripts", "tests"],
                no_obsolete=True,
                verbosity=0,
            )
            for folder in folders:
                problems += check_folder(folder)
        finally:
            for folder, copy in zip(folders, saved, strict=True):
                shutil.rmtree(folder)
                shutil.copytree(copy, folder)
    for problem in problems:
        print(problem)
    if problems:
        print("Run `make makemessages`, translate the new entries, and commit the .po files.")
        return 1
    print("translations: fi, sv and en complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
