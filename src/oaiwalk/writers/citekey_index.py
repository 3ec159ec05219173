"""Cite keys for files of any size: the key index lives in a temporary SQLite database.

Gives the keys ``citekeys.assign_keys`` gives, but holds each record's base key, id,
content digest and entry length on disk, so memory stays flat however many records a
writer spools. The database is SQLite's private temporary file (an empty file name): it
sits in the temporary directory and is deleted when the connection closes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from itertools import groupby
from types import TracebackType

from oaiwalk.writers.citekeys import hash_suffixes

__all__ = ["KeyIndex"]

_BATCH = 2000  # rows held before one executemany


class KeyIndex:
    """Collect (base key, id, digest, length) per record, then yield (key, length) in order.

    Use as a context manager; ``add`` every record in output order, then iterate ``keys``.
    """

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "" = private on-disk temporary database
        self._db.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -8000;
            CREATE TABLE entry (
                pos INTEGER PRIMARY KEY, base TEXT, id TEXT, digest TEXT, length INTEGER
            );
            CREATE TABLE hyphenated (pos INTEGER PRIMARY KEY, key TEXT);
            """
        )
        self._rows: list[tuple[str, str, str, int]] = []

    def __enter__(self) -> KeyIndex:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._db.close()

    def add(self, base: str, record_id: str, digest: str, length: int) -> None:
        """Record the next entry: its base key, record id, content digest, text length."""
        self._rows.append((base, record_id, digest, length))
        if len(self._rows) >= _BATCH:
            self._flush()

    def keys(self) -> Iterator[tuple[str, int]]:
        """Yield each entry's final key and text length, in the order they were added."""
        self._flush()
        self._suffix_shared_bases()
        self._number_duplicates()
        rows = self._db.execute(
            "SELECT coalesce(h.key, e.base), e.length FROM entry e"
            " LEFT JOIN hyphenated h ON h.pos = e.pos ORDER BY e.pos"
        )
        yield from rows

    def _flush(self) -> None:
        if self._rows:
            self._db.executemany(
                "INSERT INTO entry (base, id, digest, length) VALUES (?, ?, ?, ?)", self._rows
            )
            self._rows.clear()

    def _suffix_shared_bases(self) -> None:
        """Give records sharing a base key ``-`` and a hash of their id (``assign_keys``)."""
        self._db.execute("CREATE INDEX entry_base ON entry (base)")
        rows = self._db.execute(
            "SELECT e.base, e.pos, e.id FROM entry e JOIN"
            " (SELECT base FROM entry GROUP BY base HAVING count(*) > 1) USING (base)"
            " ORDER BY e.base, e.pos"
        )
        keyed: list[tuple[int, str]] = []
        for base, group in groupby(rows, key=lambda row: row[0]):
            members = list(group)
            suffixes = hash_suffixes([row[2] for row in members])
            keyed.extend(
                (row[1], f"{base}-{suffix}") for row, suffix in zip(members, suffixes, strict=True)
            )
            if len(keyed) >= _BATCH:
                self._db.executemany("INSERT INTO hyphenated VALUES (?, ?)", keyed)
                keyed.clear()
        self._db.executemany("INSERT INTO hyphenated VALUES (?, ?)", keyed)

    def _number_duplicates(self) -> None:
        """Number keys still shared (same id twice) by content digest, as ``assign_keys``.

        Only keys with a hyphen can be shared: suffixed ones, and bases with a negative
        year (base keys are otherwise unique and hyphen-free), so only those are indexed.
        """
        self._db.execute(
            "INSERT INTO hyphenated SELECT pos, base FROM entry WHERE base GLOB '*-*'"
            " AND pos NOT IN (SELECT pos FROM hyphenated)"
        )
        self._db.execute("CREATE INDEX hyphenated_key ON hyphenated (key)")
        shared = self._db.execute(
            "SELECT key FROM hyphenated GROUP BY key HAVING count(*) > 1 ORDER BY min(pos)"
        ).fetchall()
        taken: set[str] = set()  # keys given here; the others are looked up in the index
        for (key,) in shared:
            members = self._db.execute(
                "SELECT h.pos, e.digest FROM hyphenated h JOIN entry e ON e.pos = h.pos"
                " WHERE h.key = ? ORDER BY h.pos",
                (key,),
            ).fetchall()
            members.sort(key=lambda member: member[1])  # stable: ties keep input order
            for number, (pos, _digest) in enumerate(members[1:], start=2):
                candidate = f"{key}-{number}"
                while candidate in taken or self._is_taken(candidate):
                    candidate += "x"
                taken.add(candidate)
                self._db.execute("UPDATE hyphenated SET key = ? WHERE pos = ?", (candidate, pos))

    def _is_taken(self, key: str) -> bool:
        """Tell whether some record has ``key`` (a key with a hyphen) as its key."""
        found = self._db.execute("SELECT 1 FROM hyphenated WHERE key = ? LIMIT 1", (key,))
        return found.fetchone() is not None
