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
import types
import typing
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import fields, is_dataclass
from typing import Any

from oaiwalk import model
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
    """Return a digest of everything a record holds (orders records that share an id).

    The SHA-1 of ``repr(record)``, with the repr built by ``_record_repr`` (same text).
    """
    return hashlib.sha1(_record_repr(record).encode("utf-8")).hexdigest()


def _repr_source(classes: tuple[type, ...]) -> str:
    """Return Python source of one ``_repr_<Class>`` function per dataclass in ``classes``.

    Each gives the text the dataclass's own ``__repr__`` gives, as one f-string: no
    recursion guard per object (``reprlib.recursive_repr``; records hold no cycles) and
    nested model objects formatted inline, which makes it about 1.5x faster on a Record.
    Fields whose type hint names a model class (alone, ``| None`` or ``tuple[C, ...]``)
    call that class's function; every other field is formatted with ``!r``, as
    ``dataclasses`` does.
    """
    functions = []
    for cls in classes:
        hints = typing.get_type_hints(cls)
        parts = []
        for field in fields(cls):
            if field.repr:
                call = _nested_call(hints[field.name], f"self.{field.name}", classes)
                parts.append(f"{field.name}={{{call or f'self.{field.name}!r'}}}")
        functions.append(
            f"def _repr_{cls.__name__}(self):\n"
            f'    return f"{cls.__qualname__}({", ".join(parts)})"\n'
        )
    return "\n".join(functions)


def _nested_call(hint: Any, value: str, classes: tuple[type, ...]) -> str | None:
    """Return the expression formatting ``value`` of type ``hint`` when it holds a model class."""
    if hint in classes:
        return f"_repr_{hint.__name__}({value})"
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if (
        origin is types.UnionType
        and len(args) == 2
        and args[1] is type(None)
        and args[0] in classes
    ):
        return f"('None' if (v := {value}) is None else _repr_{args[0].__name__}(v))"
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis and args[0] in classes:
        return f"_repr_tuple(_repr_{args[0].__name__}, {value})"
    return None


def _repr_tuple(item_repr: Callable[[Any], str], items: tuple[Any, ...]) -> str:
    """Return ``repr(items)`` with each item formatted by ``item_repr``."""
    if len(items) == 1:
        return f"({item_repr(items[0])},)"
    return f"({', '.join(map(item_repr, items))})"


def _compile_reprs() -> Callable[[Record], str]:
    """Return the generated repr of Record (``_repr_source`` over every model dataclass)."""
    classes = tuple(c for c in vars(model).values() if isinstance(c, type) and is_dataclass(c))
    namespace: dict[str, Any] = {"_repr_tuple": _repr_tuple}
    exec(_repr_source(classes), namespace)  # generated as dataclasses generates __repr__
    function: Callable[[Record], str] = namespace["_repr_Record"]
    return function


_record_repr = _compile_reprs()


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
