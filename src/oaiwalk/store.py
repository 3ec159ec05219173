"""The harvest store: one SQLite file holding OAI records by identifier, and harvest runs.

``records`` keeps one row per OAI identifier: latest datestamp, deleted flag (a
tombstone keeps identifier and datestamp), set specs, the raw ``<record>`` XML, the
run that last changed it and notes about lossless repairs. ``runs`` keeps each
harvest's endpoint, arguments, current resumption token, page and record counts and
status, so an interrupted harvest resumes where it stopped. The file is in WAL mode
and every page is committed in one transaction.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from oaiwalk.errors import InputError

__all__ = [
    "HarvestedRecord",
    "PageCounts",
    "RunState",
    "Store",
    "iter_record_xml",
    "iter_store_records",
]

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    verb TEXT NOT NULL,        -- ListRecords, or GetRecord for one record
    endpoint TEXT NOT NULL,
    metadata_prefix TEXT NOT NULL,
    set_spec TEXT,
    from_arg TEXT,             -- --from as given (NULL: none)
    until_arg TEXT,            -- --until as given
    request_from TEXT,         -- the from argument actually sent (incremental window)
    granularity TEXT,          -- from Identify, when it was asked
    resumption_token TEXT,     -- token of the next page; NULL when none is pending
    max_datestamp TEXT,        -- highest datestamp committed by this run (UTC, seconds)
    is_ordered INTEGER NOT NULL DEFAULT 1,  -- datestamps came in non-decreasing order
    pages INTEGER NOT NULL DEFAULT 0,
    records INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    repaired INTEGER NOT NULL DEFAULT 0,
    requests INTEGER NOT NULL DEFAULT 0,
    retries INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,      -- running, complete, failed, interrupted
    owner TEXT,                -- "host pid" of the process running it
    error TEXT,
    started TEXT NOT NULL,
    ended TEXT
);
CREATE TABLE records (
    identifier TEXT PRIMARY KEY,
    datestamp TEXT,            -- as the repository wrote it
    sort_datestamp TEXT,       -- UTC, "YYYY-MM-DDThh:mm:ssZ", for ordering
    is_deleted INTEGER NOT NULL,
    set_specs TEXT NOT NULL,   -- JSON list
    metadata_prefix TEXT NOT NULL,
    xml BLOB NOT NULL,         -- the OAI <record> element, header and metadata
    repairs TEXT,              -- JSON list of repair notes, NULL when none
    run_id INTEGER NOT NULL REFERENCES runs(id)
);
CREATE INDEX records_order ON records (is_deleted, sort_datestamp, identifier);
"""


@dataclass(frozen=True, slots=True)
class HarvestedRecord:
    """One OAI record as harvested: header fields, raw XML and repair notes."""

    identifier: str
    datestamp: str | None
    set_specs: tuple[str, ...]
    is_deleted: bool
    xml: bytes
    repairs: tuple[str, ...] = ()


@dataclass
class PageCounts:
    """What one committed page changed in the store."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


@dataclass(frozen=True, slots=True)
class RunState:
    """A run row, as needed to resume or continue a harvest."""

    id: int
    status: str
    request_from: str | None
    granularity: str | None
    resumption_token: str | None
    max_datestamp: str | None
    is_ordered: bool


class Store:
    """An open harvest store (a context manager)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # WAL: durable across process kills
            self._db.execute("PRAGMA busy_timeout=10000")
            _ensure_schema(self._db, self.path, create=True)
        except sqlite3.Error as exc:
            raise InputError(f"{self.path}: cannot open harvest store: {exc}") from None

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ runs

    def latest_run(
        self,
        endpoint: str,
        metadata_prefix: str,
        set_spec: str | None,
        from_arg: str | None,
        until_arg: str | None,
    ) -> RunState | None:
        """Return the newest run with exactly these arguments, if any."""
        row = self._db.execute(
            "SELECT id, status, request_from, granularity, resumption_token, max_datestamp,"
            " is_ordered FROM runs WHERE verb = 'ListRecords' AND endpoint = ?"
            " AND metadata_prefix = ? AND set_spec IS ? AND from_arg IS ? AND until_arg IS ?"
            " ORDER BY id DESC LIMIT 1",
            (endpoint, metadata_prefix, set_spec, from_arg, until_arg),
        ).fetchone()
        if row is None:
            return None
        return RunState(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]))

    def harvested_until(
        self, endpoint: str, metadata_prefix: str, set_spec: str | None
    ) -> str | None:
        """Return the highest datestamp of the complete runs of one list (UTC seconds)."""
        row = self._db.execute(
            "SELECT max(max_datestamp) FROM runs WHERE verb = 'ListRecords' AND endpoint = ?"
            " AND metadata_prefix = ? AND set_spec IS ? AND status = 'complete'",
            (endpoint, metadata_prefix, set_spec),
        ).fetchone()
        return row[0] if row else None

    def known_granularity(self, endpoint: str) -> str | None:
        """Return the granularity an earlier run learnt from Identify."""
        row = self._db.execute(
            "SELECT granularity FROM runs WHERE endpoint = ? AND granularity IS NOT NULL"
            " ORDER BY id DESC LIMIT 1",
            (endpoint,),
        ).fetchone()
        return row[0] if row else None

    def start_run(
        self,
        endpoint: str,
        metadata_prefix: str,
        set_spec: str | None,
        from_arg: str | None,
        until_arg: str | None,
        request_from: str | None,
        granularity: str | None,
        verb: str = "ListRecords",
    ) -> int:
        """Insert a running run row; return its id."""
        cursor = self._db.execute(
            "INSERT INTO runs (verb, endpoint, metadata_prefix, set_spec, from_arg, until_arg,"
            " request_from, granularity, status, owner, started) VALUES (?, ?, ?, ?, ?, ?, ?,"
            " ?, 'running', ?, ?)",
            (
                verb,
                endpoint,
                metadata_prefix,
                set_spec,
                from_arg,
                until_arg,
                request_from,
                granularity,
                _owner(),
                _now(),
            ),
        )
        return int(cursor.lastrowid or 0)

    def reopen_run(self, run_id: int) -> None:
        """Mark an unfinished run as running again (it is being resumed)."""
        self._db.execute(
            "UPDATE runs SET status = 'running', error = NULL, ended = NULL, owner = ?"
            " WHERE id = ?",
            (_owner(), run_id),
        )

    def busy_owner(self) -> int | None:
        """Return the id of another live process on this host running a harvest here.

        A run left ``running`` by a process that is gone (killed) does not count.
        """
        host = socket.gethostname()
        for (owner,) in self._db.execute(
            "SELECT owner FROM runs WHERE status = 'running' AND owner IS NOT NULL"
        ):
            owner_host, _, pid = str(owner).rpartition(" ")
            if owner_host == host and pid.isdigit() and _is_alive(int(pid)):
                return int(pid)
        return None

    def set_run_window(
        self, run_id: int, request_from: str | None, granularity: str | None
    ) -> None:
        """Record a new from argument (a restart after an expired token) and the granularity."""
        self._db.execute(
            "UPDATE runs SET request_from = ?, granularity = coalesce(?, granularity) WHERE id = ?",
            (request_from, granularity, run_id),
        )

    def commit_page(
        self,
        run_id: int,
        records: Iterable[HarvestedRecord],
        metadata_prefix: str,
        *,
        token: str | None,
        max_datestamp: str | None,
        is_ordered: bool,
        requests: int,
        retries: int,
    ) -> PageCounts:
        """Upsert one page of records and the run's position in one transaction."""
        counts = PageCounts()
        seen = repaired = 0
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for record in records:
                seen += 1
                repaired += bool(record.repairs)
                counts.deleted += record.is_deleted
                self._upsert(run_id, record, metadata_prefix, counts)
            db.execute(
                "UPDATE runs SET resumption_token = ?, max_datestamp = ?, is_ordered = ?,"
                " pages = pages + 1, records = records + ?, deleted = deleted + ?,"
                " new = new + ?, updated = updated + ?, unchanged = unchanged + ?,"
                " repaired = repaired + ?, requests = ?, retries = ? WHERE id = ?",
                (
                    token,
                    max_datestamp,
                    int(is_ordered),
                    seen,
                    counts.deleted,
                    counts.new,
                    counts.updated,
                    counts.unchanged,
                    repaired,
                    requests,
                    retries,
                    run_id,
                ),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return counts

    def _upsert(
        self, run_id: int, record: HarvestedRecord, metadata_prefix: str, counts: PageCounts
    ) -> None:
        sort_key = sort_datestamp(record.datestamp)
        sets = json.dumps(list(record.set_specs))
        repairs = json.dumps(list(record.repairs), ensure_ascii=False) if record.repairs else None
        row = self._db.execute(
            "SELECT sort_datestamp, is_deleted, set_specs, xml, repairs FROM records"
            " WHERE identifier = ?",
            (record.identifier,),
        ).fetchone()
        if row is not None:
            if row[0] and sort_key and sort_key < row[0]:
                counts.unchanged += 1  # an older version than the one kept (overlap window)
                return
            if tuple(row[1:]) == (int(record.is_deleted), sets, record.xml, repairs):
                counts.unchanged += 1
                return
        self._db.execute(
            "INSERT INTO records (identifier, datestamp, sort_datestamp, is_deleted, set_specs,"
            " metadata_prefix, xml, repairs, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (identifier) DO UPDATE SET datestamp = excluded.datestamp,"
            " sort_datestamp = excluded.sort_datestamp, is_deleted = excluded.is_deleted,"
            " set_specs = excluded.set_specs, metadata_prefix = excluded.metadata_prefix,"
            " xml = excluded.xml, repairs = excluded.repairs, run_id = excluded.run_id",
            (
                record.identifier,
                record.datestamp,
                sort_key,
                int(record.is_deleted),
                sets,
                metadata_prefix,
                record.xml,
                repairs,
                run_id,
            ),
        )
        if row is None:
            counts.new += 1
        else:
            counts.updated += 1

    def finish_run(self, run_id: int, status: str, error: str | None = None) -> None:
        """Close a run: ``complete`` clears its token; other statuses keep it for resuming."""
        self._db.execute(
            "UPDATE runs SET status = ?, error = ?, ended = ?,"
            " resumption_token = CASE WHEN ? = 'complete' THEN NULL ELSE resumption_token END"
            " WHERE id = ?",
            (status, error, _now(), status, run_id),
        )

    def run_row(self, run_id: int) -> dict[str, Any]:
        """Return one run row as a dict."""
        cursor = self._db.execute("SELECT * FROM runs WHERE id = ?", (run_id,))
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
        return dict(zip(names, row, strict=True)) if row else {}

    def counts(self) -> tuple[int, int]:
        """Return the number of live and of deleted records."""
        row = self._db.execute(
            "SELECT count(*) - coalesce(sum(is_deleted), 0), coalesce(sum(is_deleted), 0)"
            " FROM records"
        ).fetchone()
        return int(row[0]), int(row[1])


def sort_datestamp(datestamp: str | None) -> str | None:
    """Return a datestamp as UTC ``YYYY-MM-DDThh:mm:ssZ`` (None when it is not a date)."""
    if not datestamp:
        return None
    text = datestamp.strip()
    try:
        if len(text) == 10:
            value = datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
        else:
            value = datetime.fromisoformat(text)
    except ValueError:
        return None
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def iter_record_xml(path: str | os.PathLike[str]) -> Iterator[bytes]:
    """Yield the raw XML of every live record in a store, by datestamp, then identifier."""
    for xml, _repairs in iter_store_records(path):
        yield xml


def iter_store_records(path: str | os.PathLike[str]) -> Iterator[tuple[bytes, tuple[str, ...]]]:
    """Yield ``(record XML, repair notes)`` of every live record, by datestamp, identifier."""
    name = os.fspath(path)
    if not os.path.isfile(name):
        raise InputError(f"{name}: file not found")
    try:
        db = sqlite3.connect(f"file:{name}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise InputError(f"{name}: cannot open harvest store: {exc}") from None
    try:
        _ensure_schema(db, name, create=False)
        cursor = db.execute(
            "SELECT xml, repairs FROM records WHERE is_deleted = 0"
            " ORDER BY sort_datestamp, identifier"
        )
        for xml, repairs in cursor:
            yield bytes(xml), tuple(json.loads(repairs)) if repairs else ()
    except sqlite3.Error as exc:
        raise InputError(f"{name}: cannot read harvest store: {exc}") from None
    finally:
        db.close()


def _ensure_schema(db: sqlite3.Connection, name: str, *, create: bool) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    tables = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if version == 0 and tables == 0 and create:
        db.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
        return
    raise InputError(
        f"{name}: not an oaiwalk harvest store (schema version {version}, expected"
        f" {SCHEMA_VERSION})"
    )


def _owner() -> str:
    return f"{socket.gethostname()} {os.getpid()}"


def _is_alive(pid: int) -> bool:
    """Return True when ``pid`` is another running process (POSIX; elsewhere assume not)."""
    if pid == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)  # signal 0: only checks that the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
