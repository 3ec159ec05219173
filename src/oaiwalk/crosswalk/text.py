"""Crosswalk step: titles, abstract, note, keywords, subjects, formats and coverage.

The title in the record's language is ``title``, the others ``translated_titles``.
The abstract is the longest prose dc:description in the record's language; short
";"-separated lists become keywords; descriptions ``fields.toml`` recognises (arXiv
comments, self-citations) and other short prose go to ``note``. Every subject is
kept in ``subjects``; keywords are the subjects split at ";" with "::" hierarchies
reduced to their leaf.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from oaiwalk.crosswalk.languages import guess_language, record_languages, to_bcp47
from oaiwalk.crosswalk.mojibake import repair_mojibake, repair_note
from oaiwalk.crosswalk.tables import load_table
from oaiwalk.crosswalk.tex import tex_to_text
from oaiwalk.crosswalk.textclean import clean_inline, clean_line, clean_paragraphs, split_list
from oaiwalk.crosswalk.title_punctuation import strip_stray_period
from oaiwalk.crosswalk.trail import decide, evolve, note_used, reject, value_indexes
from oaiwalk.model import DcRecord, DcValue, Record

__all__ = ["apply", "is_keyword_list", "keywords_from_subject"]

_KEYWORD_MAX_WORDS = 8  # a list item longer than this is a phrase of prose
_KEYWORD_LIST_MAX = 600
_ABSTRACT_MIN_WORDS = 10
_SECOND_ABSTRACT_CHARS = 300  # unchosen prose this long is a translation, not a note


def is_keyword_list(text: str) -> bool:
    """Return True for a short ";"-separated list of terms ("a; b; c")."""
    items = split_list(text)
    if len(items) < 2 or len(text) > _KEYWORD_LIST_MAX:
        return False
    return all(len(item.split()) <= _KEYWORD_MAX_WORDS and not item.endswith(".") for item in items)


def keywords_from_subject(text: str) -> list[str]:
    """Return the keywords in one subject: items of "a; b", leaves of "A::B::C"."""
    return list(_subject_keywords(text))


@lru_cache(maxsize=8192)  # pure; subjects repeat across a harvest
def _subject_keywords(text: str) -> tuple[str, ...]:
    out = []
    for item in split_list(text):
        leaf = item.split("::")[-1].strip().lstrip("/").strip()
        letters = sum(c.isalpha() for c in leaf)
        if letters > 1 and letters > sum(c.isdigit() for c in leaf):  # not "H.4.1", "85 A"
            out.append(leaf)
    return tuple(out)


def _dedupe(items: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    """Return {text: source indexes}, first spelling kept, case-insensitive."""
    seen: dict[str, str] = {}
    out: dict[str, list[int]] = {}
    for text, index in items:
        key = text.casefold()
        first = seen.get(key)
        if first is None:
            seen[key] = text
            out[text] = [index]
        else:
            out[first].append(index)
    return out


def _primary(tag: str | None) -> str | None:
    return tag.split("-")[0].lower() if tag else None


def _lang_of(value: DcValue) -> str | None:
    return _primary(to_bcp47(value.lang)[0]) if value.lang else None


@cache
def _description_rows() -> tuple[tuple[re.Pattern[str], dict[str, Any]], ...]:
    rows = load_table("fields")["description"]
    return tuple(
        (re.compile(row["pattern"], re.I), row) for row in rows if row["element"] == "description"
    )


def _description_row(text: str) -> dict[str, Any] | None:
    """Return the fields.toml row whose pattern the description matches, if any."""
    return next((row for pattern, row in _description_rows() if pattern.search(text)), None)


def _sources(groups: Iterable[list[int]]) -> list[int]:
    return sorted({i for group in groups for i in group})


_SPACED_COLON = re.compile(r"(?<=\w)\s+:\s+(?=\S)")


def _subtitle_colon(title: str, value: DcValue, language: str | None) -> str:
    """Write "Title : Subtitle" (ISBD punctuation) as "Title: Subtitle", except in French."""
    if ":" not in title:  # most titles: nothing the pattern could match
        return title
    lang = (value.lang or language or "").lower()
    return title if lang.startswith("fr") else _SPACED_COLON.sub(": ", title)


def _title_text(value: DcValue, language: str | None) -> str:
    """Return one dc:title cleaned: markup, TeX, ISBD colon and trailing " /:;," handled."""
    text = _subtitle_colon(tex_to_text(clean_line(value.text)), value, language)
    return text.rstrip(" /:;,")


def _titles(dc: DcRecord, record: Record, language: str | None) -> Record:
    cleaned = []
    trimmed = []  # indexes of the titles whose final dot was catalogue punctuation
    for i in value_indexes(dc, "title"):
        text = _title_text(dc.values[i], language)
        kept = strip_stray_period(text)
        if kept and kept != text:
            trimmed.append(i)
        cleaned.append((kept, i))
    found = _dedupe(cleaned)
    found.pop("", None)
    record = _pick_titles(dc, record, language, found)
    for index in trimmed:
        field = "title" if index in found.get(record.title or "", ()) else "translated_titles"
        record = note_used(record, field, "text.title-stray-period", [index])
    return record


def _pick_titles(
    dc: DcRecord, record: Record, language: str | None, found: dict[str, list[int]]
) -> Record:
    """Set the title in the record's language and the others as translated titles."""
    if len(found) < 2:  # no title, or one (the usual case)
        if not found:
            return record
        [(only, sources)] = found.items()
        is_record_language = language and _lang_of(dc.values[sources[0]]) == language
        rule = "text.title-record-language" if is_record_language else "text.title"
        return decide(record, rule, sources, title=only)
    titles = list(found.items())
    langs = {t: _lang_of(dc.values[idx[0]]) for t, idx in titles}
    main = next((t for t, _ in titles if language and langs[t] == language), None)
    rule = "text.title-record-language"
    if main is None:
        main = next((t for t, _ in titles if langs[t] is None), titles[0][0])
        rule = "text.title-first" if len(titles) > 1 else "text.title"
    record = decide(record, rule, found[main], title=main)
    others = [(t, idx) for t, idx in titles if t != main]
    if others:
        translated = tuple(
            (to_bcp47(dc.values[idx[0]].lang or "")[0] or "", t) for t, idx in others
        )
        record = decide(
            record,
            "text.translated-title",
            _sources(i for _, i in others),
            translated_titles=translated,
        )
    return record


def _prose_language(value: DcValue, text: str) -> tuple[str | None, bool]:
    """Return (primary language, is_guess): xml:lang when given, else a function-word guess."""
    declared = _lang_of(value)
    if declared:
        return declared, False
    return _primary(guess_language(text)), True


def _pick_abstract(
    dc: DcRecord,
    record: Record,
    language: str | None,
    prose: list[tuple[str, int]],
    notes: list[tuple[str, int, str]],
) -> Record:
    """Set the abstract: the longest prose in the record's language, else in an unknown one.

    When no prose is in the record's language (wrong dc:language), the longest is taken.
    Other prose in another language, or as long as an abstract, is reported; short prose
    goes to ``notes``.
    """
    if not language and len(prose) == 1:  # the only prose, whatever its language: no guess
        [(abstract, chosen)] = prose
        return decide(record, "text.abstract-longest", [chosen], abstract=abstract)
    langs = {i: _prose_language(dc.values[i], t) for t, i in prose}

    def rank(item: tuple[str, int]) -> tuple[int, int]:
        lang = langs[item[1]][0]
        match = 2 if language and lang == language else 1 if lang is None or not language else 0
        return match, len(item[0])

    abstract, chosen = max(prose, key=rank)
    lang, guessed = langs[chosen]
    rule = "text.abstract-longest"
    if language and lang == language:
        rule = "text.abstract-guessed-language" if guessed else "text.abstract-record-language"
    record = decide(record, rule, [chosen], abstract=abstract)
    for text, index in prose:
        if index == chosen:
            continue
        other, guessed = langs[index]
        if other and other != lang and (language is None or other != language):
            how = "guessed" if guessed else "xml:lang"
            record = reject(record, index, f"abstract in another language ({other}, {how})")
        elif len(text) >= _SECOND_ABSTRACT_CHARS:
            record = reject(
                record, index, "a second abstract (a translation?); the longest was kept"
            )
        else:
            notes.append((text, index, "text.other-description"))
    return record


def _descriptions(
    dc: DcRecord, record: Record, language: str | None
) -> tuple[Record, dict[str, list[int]]]:
    """Set abstract and note; return keyword-list items for the keyword field."""
    keywords: list[tuple[str, int]] = []
    notes: list[tuple[str, int, str]] = []
    prose: list[tuple[str, int]] = []
    first_of: dict[str, int] = {}
    duplicates: list[tuple[int, int]] = []  # (index, index of the first equal text)
    indexes = value_indexes(dc, "description")
    if not indexes:
        return record, {}
    for index in indexes:
        text = clean_paragraphs(dc.values[index].text)
        if not text:
            continue
        key = text.casefold()
        if key in first_of:
            duplicates.append((index, first_of[key]))
            continue
        first_of[key] = index
        row = _description_row(text)
        if row is not None and not row["target"]:
            record = reject(record, index, f"{row['note'].split(':')[0]} (fields:{row['id']})")
        elif row is not None:
            notes.append((text, index, f"fields:{row['id']}"))
        elif is_keyword_list(text):
            keywords.extend((item, index) for item in split_list(text))
        elif len(text.split(None, _ABSTRACT_MIN_WORDS - 1)) >= _ABSTRACT_MIN_WORDS:  # no full split
            prose.append((text, index))
        else:
            notes.append((text, index, "text.short-description"))
    if prose:
        record = _pick_abstract(dc, record, language, prose, notes)
    if notes:
        note = "\n".join(t for t, _, _ in notes)
        record = decide(record, "text.note", [i for _, i, _ in notes], note=note)
        for _, index, rule in notes:
            record = note_used(record, "note", rule, [index])
    for index, original in duplicates:
        used = record.provenance.fields_using(original)
        keyword_field = {"keyword"} if any(i == original for _, i in keywords) else set()
        for field in sorted(used | keyword_field):
            record = note_used(record, field, "text.duplicate", [index])
        if not used and not keyword_field:
            record = reject(record, index, "duplicate of a rejected description")
    return record, _dedupe(keywords)


_URL_TAIL = re.compile(r"\s*https?://\S.*$")
_MIME_OR_EXTENT = re.compile(r"^(?:[a-z]+/[\w.+-]+\b|\d)", re.IGNORECASE)


# Elements whose steps read them through ``textclean`` (text, names, dates, publishers,
# rights); containers, types and identifiers read dc:source/relation/type/identifier raw.
_CLEANED_ELEMENTS = frozenset(
    "title creator contributor subject description publisher date format coverage rights".split()
)


def _note_mojibake(dc: DcRecord, record: Record) -> Record:
    """Note every DC value whose mojibake ``textclean`` repairs, so none changes silently.

    Runs in the text step, before the names, publishers and rights steps read the values.
    """
    notes = []
    for index, value in enumerate(dc.values):
        text = value.text
        if text.isascii() or value.element not in _CLEANED_ELEMENTS:  # nearly every value
            continue
        if "&" in text:
            text = html.unescape(text)
        repaired = repair_mojibake(text)
        if repaired != text:
            notes.append(repair_note(value.element, index, text, repaired))
    if notes:
        evolve(record.provenance, notes=(*record.provenance.notes, *notes))
    return record


def apply(dc: DcRecord, record: Record) -> Record:
    """Set title, translated titles, abstract, note, keywords, subjects, formats, coverage."""
    record = _note_mojibake(dc, record)
    tags = record_languages(dc)
    language = _primary(tags[0][1]) if tags else None
    record = _titles(dc, record, language)
    record, from_descriptions = _descriptions(dc, record, language)
    # most records lack most of these elements: skip the empty ones before any work
    subject_indexes = value_indexes(dc, "subject")
    subjects: dict[str, list[int]] = {}
    if subject_indexes:
        subject_items = [
            (clean_inline(item), i)
            for i in subject_indexes
            for item in split_list(dc.values[i].text)
        ]
        subjects = _dedupe((s, i) for s, i in subject_items if s)
    if subjects:
        record = decide(
            record, "text.subjects", _sources(subjects.values()), subjects=tuple(subjects)
        )
    if subjects or from_descriptions:
        keywords = _dedupe(
            [(k, i) for s, idx in subjects.items() for k in _subject_keywords(s) for i in idx]
            + [(k, i) for k, idx in from_descriptions.items() for i in idx]
        )
        if keywords:
            record = decide(
                record, "text.keywords", _sources(keywords.values()), keyword=tuple(keywords)
            )
    format_indexes = value_indexes(dc, "format")
    formats: dict[str, list[int]] = {}
    if format_indexes:
        formats = _dedupe((clean_inline(dc.values[i].text), i) for i in format_indexes)
    if formats:
        first, sources = next(iter(formats.items()))
        record = decide(record, "text.formats", _sources(formats.values()), formats=tuple(formats))
        medium = (_URL_TAIL.sub("", first) if "://" in first else first).strip(" ,;")
        # A MIME type or an extent ("2 MB", "245 p.") is a format, not a CSL medium
        # ("DVD", "Print"): styles print the medium in brackets after the title.
        if medium and not _MIME_OR_EXTENT.match(medium):
            record = decide(record, "text.format-medium", sources, medium=medium)
    coverage_indexes = value_indexes(dc, "coverage")
    if not coverage_indexes:
        return record
    coverage = _dedupe((clean_inline(dc.values[i].text), i) for i in coverage_indexes)
    if coverage:
        record = decide(
            record, "text.coverage", _sources(coverage.values()), coverage=tuple(coverage)
        )
    return record
