"""Writers, found through the ``oaiwalk.writers`` entry-point group and loaded late.

Built-in writers are registered in oaiwalk's own ``pyproject.toml`` exactly as a third
party registers one, so a plugin looks like a built-in. An entry point names a module
attribute that is a ``Writer``; the module is imported only when the writer is asked
for (or when every writer is listed).
"""

from __future__ import annotations

import difflib
import io
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from typing import Any, TextIO

from oaiwalk.errors import FormatError
from oaiwalk.model import Record

__all__ = [
    "ENTRY_POINT_GROUP",
    "Assembly",
    "Frame",
    "FrameFunction",
    "Registry",
    "WriteFunction",
    "Writer",
    "default_registry",
]

ENTRY_POINT_GROUP = "oaiwalk.writers"
logger = logging.getLogger(__name__)


#: ``write(records, out, *, option=default, ...)``: writes records to a text stream; options
#: are keyword-only, each with a default (a Protocol cannot say "any keyword-only options").
WriteFunction = Callable[..., None]


@dataclass(frozen=True, slots=True)
class Frame:
    """What a document holds around its records: ``head body separator body ... tail``.

    A framed writer's output for records is ``head``, then the bodies of its batches
    joined by ``separator``, then ``tail``; for no records it is ``empty`` (``head + tail``
    when None). A batch's body is what ``write`` gives for that batch without ``head`` and
    ``tail``, so ``--jobs`` workers render bodies and the calling process frames them, as
    rdflib's serializers write a document's start and end apart from its statements.
    """

    head: str = ""
    separator: str = ""
    tail: str = ""
    empty: str | None = None

    def empty_document(self) -> str:
        """Return the document of no records."""
        return self.head + self.tail if self.empty is None else self.empty


#: ``frame(*, option=default, ...)``: the writer's Frame for these options, or None when
#: these options make every record depend on the others (a numbered bibliography).
FrameFunction = Callable[..., Frame | None]


@dataclass(frozen=True, slots=True)
class Assembly:
    """A writer split in two, for output a frame cannot describe (BibTeX's cite keys).

    ``render(records, **options)`` runs in a worker and returns a picklable part;
    ``assemble(parts, out, **options)`` runs in the calling process and writes the
    document from the parts of consecutive batches, exactly as one ``write`` would.
    """

    render: Callable[..., Any]
    assemble: Callable[..., None]


@dataclass(frozen=True, slots=True)
class Writer:
    """One output format.

    ``fields`` names the Record attributes the format carries (used by loss reports);
    ``options`` names the keyword options ``write`` accepts (the CLI passes only those);
    ``streaming=False`` means the writer needs every record before it writes;
    ``concatenable=True`` promises ``write(a + b) == write(a) + write(b)`` and
    ``write([]) == ""``, so ``--jobs`` workers may render batches apart (see ``parallel``);
    ``frame`` says the same of a document with a head, separators and a tail (``Frame``);
    ``assembly`` splits a writer that needs more (``Assembly``). A writer that declares
    none of these is written from Records in the calling process.
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
    frame: FrameFunction | None = None
    assembly: Assembly | None = None
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
        self.write(records, out, **self._accepted(options))

    def renders_in_batches(self, **options: Any) -> bool:
        """Tell whether batches may be rendered apart (``render_part``) with these options.

        Raises the writer's ``FormatError`` for a bad option value (an unknown style).
        """
        if self.assembly is not None:
            return True
        return self._frame(self._accepted(options)) is not None

    def render_part(self, records: Sequence[Record], **options: Any) -> Any:
        """Render one batch for ``assemble``: a framed writer's body text; None for no records.

        Raises FormatError when the text ``write`` gives does not fit the declared frame.
        """
        if not records:
            return None
        accepted = self._accepted(options)
        if self.assembly is not None:
            return self.assembly.render(records, **accepted)
        frame = self._frame(accepted)
        if frame is None:
            raise FormatError(f"writer '{self.name}' does not render batches with these options")
        out = io.StringIO()
        self.write(records, out, **accepted)
        text = out.getvalue()
        end = len(text) - len(frame.tail)
        if end < len(frame.head) or not (text.startswith(frame.head) and text.endswith(frame.tail)):
            raise FormatError(f"writer '{self.name}' wrote a document that does not fit its frame")
        return text[len(frame.head) : end]

    def assemble(self, parts: Iterable[Any], out: TextIO, **options: Any) -> None:
        """Write the document of the batches whose ``render_part`` results are ``parts``."""
        accepted = self._accepted(options)
        rendered = (part for part in parts if part is not None)
        if self.assembly is not None:
            self.assembly.assemble(rendered, out, **accepted)
            return
        frame = self._frame(accepted)
        if frame is None:
            raise FormatError(f"writer '{self.name}' does not render batches with these options")
        started = False
        for body in rendered:
            out.write((frame.separator if started else frame.head) + body)
            started = True
        out.write(frame.tail if started else frame.empty_document())

    def _accepted(self, options: dict[str, Any]) -> dict[str, Any]:
        """Return the options this writer declares, without unset (None) ones."""
        return {k: v for k, v in options.items() if k in self.options and v is not None}

    def _frame(self, accepted: dict[str, Any]) -> Frame | None:
        if self.frame is not None:
            return self.frame(**accepted)
        return Frame() if self.concatenable else None


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
