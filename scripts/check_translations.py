"""Check the fi, sv and en catalogues: every string in the code is translated, none is fuzzy,
and every catalogue compiles.

The catalogues are regenerated from the code into a scratch copy of the project's locale
folder, so the check also fails when a new string was added without translations. The
working tree is left as it was.
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


def main() -> int:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora.settings")
    django.setup()
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        saved = Path(scratch) / "locale"
        shutil.copytree(LOCALE, saved)
        try:
            call_command(
                "makemessages",
                locale=list(LANGUAGES),
                ignore_patterns=[".venv", "bench", "scripts", "tests"],
                no_obsolete=True,
                verbosity=0,
            )
            for language in LANGUAGES:
                po = LOCALE / language / "LC_MESSAGES" / "django.po"
                untranslated = msgattrib(po, "--untranslated").count('\nmsgid "')
                fuzzy = msgattrib(po, "--only-fuzzy").count('\nmsgid "')
                subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], check=True)
                if untranslated or fuzzy:
                    problems.append(f"{language}: {untranslated} untranslated, {fuzzy} fuzzy")
        finally:
            shutil.rmtree(LOCALE)
            shutil.copytree(saved, LOCALE)
    for problem in problems:
        print(problem)
    if problems:
        print("Run `make makemessages`, translate the new entries, and commit the .po files.")
        return 1
    print("translations: fi, sv and en complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
