"""Transfer size of the observation form page with everything it loads.

Renders the open-link form of the demo installation in a scratch SQLite database, then adds
up the HTML and each stylesheet, script and icon it references, raw and gzip-compressed as a
web server would send them.
"""

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A phone on a weak connection: the whole page, compressed, within 30 KB.
BUDGET = 30 * 1024


def main() -> int:
    sys.path.insert(0, str(ROOT))
    scratch = tempfile.mkdtemp()
    os.environ.update(
        DEBUG="false",
        SECRET_KEY="benchmark-only-secret-key-with-enough-length-0123456789",
        HTTPS="false",
        DATABASE_URL=f"sqlite:///{scratch}/bench.sqlite3".replace("sqlite:///", "sqlite:////", 1),
        STATIC_MANIFEST="false",
        ALLOWED_HOSTS="testserver",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora.settings")
    import django

    django.setup()
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    from reporting.demo import load_demo

    links = load_demo()
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    html = client.get(f"/o/{links['targeted']}/").content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    rows = [("HTML page", len(html), len(gzip.compress(html, 6)))]
    for asset in assets:
        path = finders.find(asset.decode().removeprefix("/static/"))
        data = Path(path).read_bytes()
        rows.append((asset.decode(), len(data), len(gzip.compress(data, 6))))
    total_raw = sum(r[1] for r in rows)
    total_gz = sum(r[2] for r in rows)
    for name, raw, packed in rows:
        print(f"{name:40} {raw:8d} B raw {packed:8d} B gzip")
    print(f"{'total':40} {total_raw:8d} B raw {total_gz:8d} B gzip")
    print(
        f"form page transfer size: {total_gz / 1024:.1f} KB compressed (budget {BUDGET // 1024} KB)"
    )
    return 0 if total_gz <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
