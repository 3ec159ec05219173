"""Writers, found through the ``oaiwalk.writers`` entry-point group and loaded late.

Built-in writers are registered in oaiwalk's own ``pyproject.toml`` exactly as a third
party registers one, so a plugin looks like a built-in. An entry point names a module
attribute that is a ``Writer``; the module is imported only when the writer is asked
for (or when every writer is listed).
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from typing import Any, TextIO

from oaiwalk.errors import FormatError
from oaiwalk.model import Record

__all__ = ["ENTRY_POINT_GROUP", "Registry", "WriteFunction", "Writer", "default_registry"]

ENTRY_POINT_GROUP = "oaiwalk.writers"
logger = logging.getLogger(__name__)


#: ``write(records, out, *, option=default, ...)``: writes records to a text stream; options
#: are keyword-only, each with a default (a Protocol cannot say "any keyword-only options").
WriteFunction = Callable[..., None]


@dataclass(frozen=True, slots=True)
class Writer:
    """One output format.

    ``fields`` names the Record attributes the format carries (used by loss reports);
    ``options`` names the keyword options ``write`` accepts (the CLI passes only those);
    ``streaming=False`` means the writer needs every record before it writes;
    ``concatenable=True`` promises ``write(a + b) == write(a) + write(b)`` and
    ``write([]) == ""``, so ``--jobs`` workers may render batches apart (see ``parallel``).
    """

    name: str
    write: WriteFunction
    aliases: tuple[str, ...] = ()
    media_type: str = "text/plain"
    media_types: tuple[str, ...] = ()  # further media types it answers to (content negotiation)
    extension: str = ""
    extensions: tuple[str, ...] = ()  # further file extensions
    fields: frozenset[str] = field(default_factory=frozenset)
    options: tuple[str, ...] = ()
    streaming: bool = True
    concatenable: bool = False
    description: str = ""

    def names(self) -> tuple[str, ...]:
        """Return every name the writer answers to (name and aliases, lower case)."""
        return (self.name.lower(), *(a.lower() for a in self.aliases))

    def all_media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.media_types)

    def all_extensions(self) -> tuple[str, ...]:
        return tuple(e for e in (self.extension, *self.extensions) if e)

    def __call__(self, records: Iterable[Record], out: TextIO, **options: Any) -> None:
        """Write ``records`` to ``out``, passing only the options this writer declares."""
        accepted = {k: v for k, v in options.items() if k in self.options and v is not None}
        self.write(records, out, **accepted)


_Loader = Callable[[], Writer]


@dataclass
class _Slot:
    """A registered writer, loaded on first use."""

    name: str
    load: _Loader
    origin: str  # distribution name, for duplicate reports
    writer: Writer | None = None

    def get(self) -> Writer:
        if self.writer is None:
            try:
                loaded = self.load()
            except Exception as exc:  # a broken plugin must not look like a missing one
                raise FormatError(
                    f"writer '{self.name}' ({self.origin}) failed to load: {exc}"
                ) from exc
            if not isinstance(loaded, Writer):
                raise FormatError(f"entry point '{self.name}' ({self.origin}) is not a Writer")
            self.writer = loaded
        return self.writer


class Registry:
    """Writers by name, alias, media type or file extension."""

    def __init__(self, writers: Iterable[Writer] = ()) -> None:
        self._slots: dict[str, _Slot] = {}
        for writer in writers:
            self.add(writer)

    @classmethod
    def from_entry_points(cls, group: str = ENTRY_POINT_GROUP) -> Registry:
        """Build a registry from installed entry points (loaded lazily)."""
        registry = cls()
        for ep in entry_points(group=group):
            registry._add_slot(_Slot(ep.name, _loader(ep), _origin(ep)))
        return registry

    def add(self, writer: Writer, origin: str = "<direct>") -> None:
        """Register an already-loaded writer."""
        self._add_slot(_Slot(writer.name, lambda: writer, origin, writer))

    def _add_slot(self, slot: _Slot) -> None:
        key = slot.name.lower()
        if key in self._slots:
            other = self._slots[key]
            if other.origin == slot.origin:
                return  # the same distribution seen twice on sys.path
            raise FormatError(
                f"two writers claim the name '{slot.name}': {other.origin} and {slot.origin}"
            )
        self._slots[key] = slot

    def __iter__(self) -> Iterator[Writer]:
        """Yield every writer that loads; a broken plugin is logged and skipped."""
        for key in sorted(self._slots):
            try:
                yield self._slots[key].get()
            except FormatError as exc:
                logger.warning("%s", exc)

    def names(self) -> list[str]:
        """Return the registered writer names (without loading them)."""
        return sorted(self._slots)

    def get(self, name: str) -> Writer:
        """Return the writer for a name or alias; raise FormatError naming what exists."""
        key = name.strip().lower()
        slot = self._slots.get(key)
        if slot is not None:
            return slot.get()
        for writer in self:
            if key in writer.names():
                return writer
        known = sorted({n for w in self for n in w.names()})
        close = difflib.get_close_matches(key, known, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise FormatError(
            f"unknown format '{name}'{hint}; available: {', '.join(self.names())}", known
        )

    def by_media_type(self, media_type: str) -> Writer | None:
        """Return the writer that produces a media type (parameters ignored), if any."""
        wanted = media_type.split(";")[0].strip().lower()
        for writer in self:
            if wanted in (m.lower() for m in writer.all_media_types()):
                return writer
        return None

    def by_extension(self, filename: str) -> Writer | None:
        """Return the writer whose file extension ends ``filename``, if any."""
        lowered = filename.lower()
        best: Writer | None = None
        for writer in self:
            for ext in writer.all_extensions():
                if lowered.endswith(ext.lower()) and (
                    best is None or len(ext) > max(len(e) for e in best.all_extensions())
                ):
                    best = writer
        return best


def _loader(ep: EntryPoint) -> _Loader:
    def load() -> Writer:
        obj = ep.load()
        return obj  # type: ignore[no-any-return]

    return load


def _origin(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return f"{dist.name}" if dist is not None else ep.value


_default: Registry | None = None


def default_registry() -> Registry:
    """Return the registry of installed writers (built once per process)."""
    global _default
    if _default is None:
        _default = Registry.from_entry_points()
    return _default
