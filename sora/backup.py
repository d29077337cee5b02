"""Backing up and restoring the database, and proving a restore complete.

PostgreSQL goes through its own tools (``pg_dump`` in the custom format, ``pg_restore``);
SQLite through its online backup API, which copies a consistent snapshot while the site
runs. ``fingerprint`` gives every table's row count and a checksum of its rows, so a restored
copy can be compared with the original table by table.
"""

import contextlib
import hashlib
import os
import sqlite3
import subprocess  # noqa: S404  (runs PostgreSQL's own tools with fixed arguments)
from pathlib import Path

PG_DUMP = "pg_dump"
PG_RESTORE = "pg_restore"


def backup(path: Path, *, settings_dict: dict, sqlite_connection=None) -> None:
    """Write a backup of the database described by ``settings_dict`` to ``path``."""
    if _is_sqlite(settings_dict):
        source = sqlite_connection or _sqlite(settings_dict["NAME"])
        with sqlite3.connect(path) as target:
            source.backup(target)
        return
    _run_pg([PG_DUMP, "--format=custom", "--no-owner", f"--file={path}"], settings_dict)


def restore(path: Path, *, settings_dict: dict) -> None:
    """Replace the contents of the database described by ``settings_dict`` with a backup."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"no backup at {path}")
    if _is_sqlite(settings_dict):
        with sqlite3.connect(path) as source, _sqlite(settings_dict["NAME"]) as target:
            source.backup(target)
        return
    _run_pg(
        [PG_RESTORE, "--clean", "--if-exists", "--no-owner", "--exit-on-error", str(path)],
        settings_dict,
        database_flag=True,
    )


def fingerprint(settings_dict: dict) -> dict[str, tuple[int, str]]:
    """``{table: (rows, sha256 of the rows in primary-key order)}`` for every table.

    Reads through a plain driver connection, so that two databases are compared exactly as
    stored, whatever conversions Django's own connection adds."""
    with _connect(settings_dict) as dbapi_connection:
        return _fingerprint(dbapi_connection.cursor(), sqlite=_is_sqlite(settings_dict))


def _fingerprint(cursor, *, sqlite: bool) -> dict[str, tuple[int, str]]:
    if sqlite:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    result = {}
    for (table,) in sorted(cursor.fetchall()):
        digest, rows = hashlib.sha256(), 0
        # Table names come from the database's own catalogue, never from input.
        cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608
        for row in cursor.fetchall():
            digest.update(repr(tuple(_plain(value) for value in row)).encode())
            rows += 1
        result[table] = (rows, digest.hexdigest())
    return result


def _plain(value):
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _connect(settings_dict: dict):
    if _is_sqlite(settings_dict):
        return contextlib.closing(_sqlite(settings_dict["NAME"]))
    import psycopg

    return psycopg.connect(
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        dbname=settings_dict["NAME"],
    )


def _sqlite(name) -> sqlite3.Connection:
    # The test suite's in-memory databases are named by a file: URI.
    return sqlite3.connect(name, uri=str(name).startswith("file:"))


def _is_sqlite(settings_dict: dict) -> bool:
    return settings_dict["ENGINE"].endswith("sqlite3")


def _run_pg(command: list[str], settings_dict: dict, *, database_flag: bool = False) -> None:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    connection = [
        f"--host={settings_dict.get('HOST') or 'localhost'}",
        f"--port={settings_dict.get('PORT') or 5432}",
        f"--username={settings_dict.get('USER') or 'postgres'}",
    ]
    name = settings_dict["NAME"]
    target = [f"--dbname={name}"] if database_flag else [name]
    subprocess.run([*command[:1], *connection, *command[1:], *target], env=env, check=True)  # noqa: S603
