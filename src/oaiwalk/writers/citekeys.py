"""Readable BibTeX cite keys (``nevens2021phase``), unique within one file.

A key is the first author's family name folded to ASCII, the year and the first
significant title word, all lower case, drawn from ``[a-z0-9_:-]``. Keys that two records
of one file share get a suffix computed from each record's id, never from the order the
records came in, so a file's keys are the same whatever the record order, and the same
from run to run.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from oaiwalk.model import Name, Record

__all__ = [
    "assign_citekeys",
    "assign_keys",
    "base_citekey",
    "content_digest",
    "fold_ascii",
    "hash_suffixes",
]

# Letters NFKD does not decompose into an ASCII base letter.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
        "ĸ": "k",
        "ŋ": "ng",
        # Cyrillic (Russian, Ukrainian, Bulgarian, Serbian letters; ISO 9 / BGN simplified)
        **dict(
            zip(
                "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґђјљњћџ",
                "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch  y  e yu ya "
                "i i ie g dj j lj nj c dz".split(" "),
                strict=True,
            )
        ),
        # Greek (ELOT 743, simplified)
        **dict(
            zip(
                "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
                "a v g d e z i th i k l m n x o p r s s t y f ch ps o a e i i o y o i y i y".split(
                    " "
                ),
                strict=True,
            )
        ),
    }
)

# Words skipped when picking the title word (articles and the commonest prepositions of
# the languages found in European repositories).
_STOPWORDS = frozenset(
    """a an the on of in to for and or from with at by about towards toward
    el la los las lo un una unos unas del al de en y o con per para por
    le les l du des une et ou au aux d dans sur
    der die das den dem des ein eine einer eines und oder im zu zur zum von vom mit fur uber
    il lo gli i uno della dello delle degli dei di da e nel nella
    o os as um uma do da dos das no na nos nas em
    het een en van voor op met
    els les amb i per
    och en ett att pa med av
    """.split()
)

_NON_KEY = re.compile(r"[^a-z0-9]+")
_TITLE_SPLIT = re.compile(r"[\s\-/:;,.!?()\[\]{}\"']+")
_HASH_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"


def fold_ascii(text: str) -> str:
    """Return ``text`` with diacritics removed and special letters spelled in ASCII.

    Cyrillic and Greek are transliterated; other scripts have no entry and vanish.
    """
    if text.isascii():
        return text.lower()  # nothing to fold: the table and NFKD leave ASCII alone
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(ch for ch in decomposed if ord(ch) < 128)


def base_citekey(record: Record) -> str:
    """Return the readable key of a record, before any collision suffix."""
    name = _first_name(record.author or record.editor or record.director or record.contributor)
    year = str(record.issued.year) if record.issued and record.issued.year else "nd"
    return f"{name}{year}{_title_word(record.title or '')}"


def assign_citekeys(records: Sequence[Record]) -> list[str]:
    """Return one unique key per record, independent of the order of ``records``.

    Records sharing a base key all get ``-`` and a few characters of a hash of their id
    (longer when a short hash collides); records with the same id as well get ``-2``,
    ``-3`` ... in the order of a digest of their content, not of their position.
    """
    return assign_keys(
        [base_citekey(r) for r in records],
        [r.id for r in records],
        [content_digest(r) for r in records],
    )


def content_digest(record: Record) -> str:
    """Return a digest of everything a record holds (orders records that share an id)."""
    return hashlib.sha1(repr(record).encode("utf-8")).hexdigest()


def assign_keys(bases: Sequence[str], ids: Sequence[str], digests: Sequence[str]) -> list[str]:
    """``assign_citekeys`` from each record's base key, id and content digest only.

    Needs three short strings per record, so a writer can spool its entries to disk
    and keep memory small however many records it writes.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for index, base in enumerate(bases):
        groups[base].append(index)
    keys = list(bases)
    for base, members in groups.items():
        if len(members) > 1:
            suffixes = hash_suffixes([ids[i] for i in members])
            for index, suffix in zip(members, suffixes, strict=True):
                keys[index] = f"{base}-{suffix}"
    return _number_duplicates(keys, digests)


def _number_duplicates(keys: list[str], digests: Sequence[str]) -> list[str]:
    """Number keys still shared (same id twice); order by content digest, not input."""
    taken = set(keys)
    groups: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        groups[key].append(index)
    for key, members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: digests[i])
        for number, index in enumerate(members[1:], start=2):
            candidate = f"{key}-{number}"
            while candidate in taken:
                candidate += "x"
            taken.add(candidate)
            keys[index] = candidate
    return keys


def hash_suffixes(ids: list[str]) -> list[str]:
    """Return the shortest (at least 4) hash prefixes telling distinct ids apart."""
    hashes = [hashlib.sha256(i.encode("utf-8")).digest() for i in ids]
    # 13 characters almost always suffice; the full 51 only when two ids share them.
    short = [_base32(h, _SHORT) for h in hashes]
    if len(set(short)) == len(set(ids)):
        found = _shortest_distinct(short, 4, _SHORT)
        if found is not None:
            return found
    digests = [_base32(h, len(h) * 8 // 5) for h in hashes]
    found = _shortest_distinct(digests, 4, len(digests[0]))
    return digests if found is None else found  # None unreachable: distinct digests differ


_SHORT = 13


def _shortest_distinct(digests: list[str], shortest: int, longest: int) -> list[str] | None:
    """Return the digests cut to the first length in the range where distinct ones differ."""
    distinct = set(digests)
    for length in range(shortest, longest + 1):
        if len({d[:length] for d in distinct}) == len(distinct):
            return [d[:length] for d in digests]
    return None


def _base32(data: bytes, count: int) -> str:
    """Return ``count`` base-32 digits of ``data`` read as a number, lowest digit first."""
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(count):
        chars.append(_HASH_ALPHABET[number & 31])
        number >>= 5
    return "".join(chars)


def _first_name(names: Sequence[Name]) -> str:
    if not names:
        return "anon"
    first = names[0]
    if first.literal is not None:
        words = [_key_text(w) for w in first.literal.split()]
        words = [w for w in words if w and w not in _STOPWORDS]
        return words[0] if words else "anon"
    return _key_text(first.family or first.given or "") or "anon"


def _title_word(title: str) -> str:
    for word in _TITLE_SPLIT.split(title):
        key = _key_text(word)
        if key and key not in _STOPWORDS and not key.isdigit():
            return key
    return ""


def _key_text(text: str) -> str:
    return _NON_KEY.sub("", fold_ascii(text).lower())
