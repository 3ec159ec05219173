"""Read one dc:creator/dc:contributor string as a person or an organisation.

The words that decide (particles, suffixes, titles, roles, organisation markers,
placeholders, family-first surnames) are rows of ``crosswalks/names.toml``; this module
holds the shapes: "Family, Given", "Given Family", PubMed "Smith JA", "Smith J.A.",
"Given FAMILY", CJK, patronymic and East Asian order, arXiv's split double surnames
("Carretero, J. A. Caballero"), life dates, ORCID iDs and bracketed roles. One word is a
person's family name (a mononym) unless a table row or its capitals make it a body; CJK
without a space is a literal that stays a person (``NameReading.is_organisation``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from oaiwalk.crosswalk.tables import load_table
from oaiwalk.crosswalk.textclean import clean_inline
from oaiwalk.model import Name

__all__ = ["NameReading", "find_orcid", "organisation_rule", "read_name"]

ORCID = re.compile(r"(?<![\d-])(\d{4}-\d{4}-\d{4}-\d{3}[\dX])(?![\d-])", re.I)
_ORCID_WRAP = re.compile(
    r"[\s;,]*[(\[]?\s*(?:orcid\s*:?\s*)?(?:https?://(?:www\.)?orcid\.org/)?"
    r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]\s*[)\]]?",
    re.I,
)
_LIFE = re.compile(
    r"^\(?\s*(?:(b\.|born|d\.|died|fl\.)\s*)?(\d{3,4})\??\s*(?:[-–—]\s*(\d{3,4})?\??)?\s*\)?\.?$"
)
_TRAILING_GROUP = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")
_LEADING_GROUP = re.compile(r"^\[[^\]]+\]\s+\S")  # "[Nevens F] Department of ..."
_PUBMED_INITIALS = re.compile(r"^[A-Z]{1,3}$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_PATRONYMIC = re.compile(r"(ovich|evich|ovič|evič|ovna|evna|ична|овна|евна|ович|евич|ич)$", re.I)
_DOTTED_WORD = re.compile(r"(?:^|\s)([^\W\d_]{3,})\.\s+\S")  # "CERN. Geneva"
_MAX_PERSON_WORDS = 5
_EMAIL = re.compile(r"\s*[<(\[]?\s*(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[>)\]]?")
_ET_AL = re.compile(r"[\s,]*\bet\s+al\b\.?\s*$", re.I)
_LIFE_THEN_ROLE = re.compile(r"^(\(?\d{3,4}\??\s*[-–]\s*(?:\d{3,4}\??)?\)?)\s+(\D.*)$")
_BARE_INITIALS = re.compile(r"^[A-Z]{1,3}$")  # "Smith, JA"
_DOTTED_INITIALS = re.compile(r"^(?:[^\W\d_][a-z]?\.[\s-]*)+$")  # "P.B.", "S. J.", "H.-M.", "Th."
_GLUED_INITIALS = re.compile(r"^((?:[A-Z]\.-?)+)([A-Z][^\W\d_][\w'’-]+)$")  # "P.B.Lehning"
_SYLLABLE_GIVEN = re.compile(r"^[A-Z][a-z]{1,4}-[a-z]{1,5}$")  # "Jong-un", "Kai-shek"
_ACRONYM = re.compile(r"^[A-Z][A-Z&]+$")  # "CERN", "OECD": a body, not a shouted mononym


@dataclass(frozen=True, slots=True)
class NameReading:
    """What one name string says: the Name (None for placeholders) and why."""

    name: Name | None
    rule: str  # "names:<row>" for a table row, "names.<shape>" for a code rule
    role_field: str | None = None  # Record field a role word asks for
    role_rule: str | None = None
    is_affiliation_like: bool = False  # long or "[Xx X] Department ..." strings
    affiliation: str | None = None  # "(University of X)" beside a person's name
    is_organisation: bool = False  # a literal name can also be a person's ("李明华")


@cache
def _words(section: str) -> dict[str, str]:
    """Return {lower-case word: row id} for one section of names.toml."""
    return {m: row["id"] for row in load_table("names")[section] for m in row.get("match", ())}


@cache
def _dropping_when_inverted() -> frozenset[str]:
    """Return the particles that trail "Family, Given" as CSL dropping particles."""
    rows = load_table("names")["particle"]
    return frozenset(m for row in rows if row.get("inverted") == "dropping" for m in row["match"])


@cache
def _roles() -> dict[str, tuple[str, str]]:
    return {
        m: (row["field"], row["id"]) for row in load_table("names")["role"] for m in row["match"]
    }


class _OrgMarkers(NamedTuple):
    words: dict[str, str]  # whole word: row id
    stems: tuple[tuple[str, str], ...]  # (start of a word, row id)
    endings: tuple[tuple[str, str], ...]  # (end of a word, row id)
    any_stem: tuple[str, ...]  # every stem, for one C-level startswith
    any_ending: tuple[str, ...]


@cache
def _org_markers(has_comma: bool) -> _OrgMarkers:
    words: dict[str, str] = {}
    stems: list[tuple[str, str]] = []
    endings: list[tuple[str, str]] = []
    for row in load_table("names")["organisation"]:
        if row.get("when") == "no-comma" and has_comma:
            continue
        words.update(dict.fromkeys(row.get("words", ()), row["id"]))
        stems.extend((s, row["id"]) for s in row.get("stems", ()))
        endings.extend((s, row["id"]) for s in row.get("endings", ()))
    return _OrgMarkers(
        words,
        tuple(stems),
        tuple(endings),
        tuple(s for s, _ in stems),
        tuple(e for e, _ in endings),
    )


def find_orcid(text: str) -> str | None:
    """Return the bare ORCID iD (upper-case X) found in text, or None."""
    match = ORCID.search(text)
    return match.group(1).upper() if match else None


_HEADING_SEPARATOR = re.compile(r"\s[-–—]\s")
_DIGIT = re.compile(r"\d")
_SPACE_HYPHEN = re.compile(r"\s+-")


def _tokens(text: str) -> list[str]:
    """Split at whitespace and slashes."""
    return text.replace("/", " ").split()


def organisation_rule(text: str) -> str | None:
    """Return the rule that makes ``text`` an organisation name, or None for a person."""
    words, stems, endings, any_stem, any_ending = _org_markers("," in text)
    marked = text
    if "," in text:  # "Keller, AG" is A. G. Keller: initials are no company designation
        head, _, tail = text.rpartition(",")
        tail = tail.strip()
        if _BARE_INITIALS.match(tail) or (tail.isupper() and _DOTTED_INITIALS.match(tail)):
            marked = head
    for token in _tokens(marked.lower()):
        bare = token.strip(",;:()[]\"'")
        if bare in words:
            return f"names:{words[bare]}"
        if bare.endswith(".") and bare.rstrip(".") in words:
            return f"names:{words[bare.rstrip('.')]}"
        # One C-level startswith/endswith over all markers first; the row only on a hit.
        if bare.startswith(any_stem):
            return next(f"names:{row}" for stem, row in stems if bare.startswith(stem))
        if bare.endswith(any_ending):
            return next(f"names:{row}" for end, row in endings if bare.endswith(end))
        if bare.endswith(("'s", "’s")):
            return "names.possessive"
    if "," not in text:
        tokens = _tokens(text)
        if len(tokens) == 1 and _ACRONYM.match(tokens[0]):
            return "names.acronym"  # "CERN", "OECD"; a person's one word is not all capitals
        if _HEADING_SEPARATOR.search(text):
            return "names.heading-separator"  # "Buildings - Mission Santa Clara"
        if len(tokens) > _MAX_PERSON_WORDS:
            return "names.long-name"
        particles = _words("particle")
        honorifics = _words("honorific")
        for token in tokens:
            low = token.lower()
            if (
                token[:1].isalpha()
                and token == low
                and not _CJK.search(token)
                and low not in particles
                and low not in honorifics
            ):
                return "names.lowercase-word"
        if _DOTTED_WORD.search(text) and not any(
            m.group(1).lower() + "." in honorifics for m in _DOTTED_WORD.finditer(text)
        ):
            return "names.dotted-hierarchy"
    elif len(_tokens(text.split(",")[0])) > _MAX_PERSON_WORDS - 1:
        return "names.long-name"
    if _DIGIT.search(text):
        return "names.digits"
    return None


def _is_acronym(qualifier: str) -> bool:
    inner = qualifier.strip(" ()[]")
    return len(inner) > 1 and inner.replace("-", "").isalpha() and inner.isupper()


def _life_dates(text: str) -> str | None:
    match = _LIFE.match(text.strip())
    if not match:
        return None
    prefix, start, end = match.groups()
    if prefix and prefix.startswith("d"):
        return f"-{start}"
    return f"{start}-{end}" if end else f"{start}-"


def _role_of(text: str) -> tuple[str, str] | None:
    key = " ".join(text.lower().split()).strip(" .:;")
    roles = _roles()
    return roles.get(key) or roles.get(key + ".")


def _strip_honorifics(tokens: list[str]) -> list[str]:
    honorifics = _words("honorific")
    return [
        t
        for t in tokens
        if (low := t.lower()) not in honorifics and low.rstrip(".") not in honorifics
    ]


def _split_particles(tokens: list[str], *, trailing: bool) -> tuple[list[str], list[str]]:
    """Split lower-case particles off the start (or end) of tokens: (particle, rest)."""
    particles = _words("particle")  # all lower-case: "Van" is no member, as it should not be
    if trailing:
        end = len(tokens)
        while end > 1 and tokens[end - 1] in particles:
            end -= 1
        return tokens[end:], tokens[:end]
    start = 0
    while start < len(tokens) - 1 and tokens[start] in particles:
        start += 1
    return tokens[:start], tokens[start:]


def _is_suffix(text: str) -> bool:
    return text.lower().replace(" ", "") in _words("suffix")


def _titlecase(word: str) -> str:
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word)


def _join(tokens: list[str]) -> str | None:
    return " ".join(tokens) or None


def _dotted_initials(letters: str) -> str:
    return " ".join(f"{c}." for c in letters)


def _person_inverted(family_part: str, given_part: str) -> tuple[Name, str]:
    """Read "Family, Given" (particles may trail either part: "Laan, L. van der")."""
    given = _strip_honorifics(given_part.split())
    suffix = None
    if len(given) > 1 and _is_suffix(given[-1]):
        suffix = given.pop()
    given_particle, given = _split_particles(given, trailing=True)
    family_tokens = family_part.split()
    shouting = given_part.isupper() and any(len(w.strip(".-")) > 2 for w in given)
    if shouting:  # "SMITH, JOHN A."
        given = [_titlecase(w) if len(w.strip(".-")) > 2 else w for w in given]
    if (
        family_part.isupper()
        and any(c.isalpha() for c in family_part)
        and (shouting or not given_part.isupper())
    ):
        particles = _words("particle")
        family_tokens = [  # "DUPONT, Jean", "DE LA CRUZ, María"
            t.lower() if t.lower() in particles and i < len(family_tokens) - 1 else _titlecase(t)
            for i, t in enumerate(family_tokens)
        ]
    lead, family_tokens = _split_particles(family_tokens, trailing=False)
    trail, family_tokens = _split_particles(family_tokens, trailing=True)
    rule = "names.family-comma-given"
    dropping: list[str] = []
    surname_start = _first_surname_start(given, bool(given_particle))
    if (
        surname_start is not None
        and len(family_tokens) == 1
        and not lead
        and not trail
        and family_tokens[0].lower() not in _words("particle")  # "Van, N. T. Hong"
    ):
        # arXiv's "Carretero, J. A. Caballero", "Heros, C. Pérez de los": the last word
        # was taken as the family name of "J. A. Caballero Carretero"; the first surname
        # follows the initials
        family_tokens = given[surname_start:] + given_particle + family_tokens
        given, given_particle = given[:surname_start], []
        rule = "names.initials-then-surname"
    else:  # "Staudt, H.-M. von", "Staudt von, H.-M."; not "Laan, L. van der"
        dropping_words = _dropping_when_inverted()
        if given_particle and given_particle[0].lower() in dropping_words:
            dropping, given_particle = given_particle, []
        if trail and trail[0].lower() in dropping_words:
            dropping, trail = dropping + trail, []
    particle = _join(lead + given_particle + trail)
    if len(given) == 1 and _BARE_INITIALS.match(given[0]) and len(given[0]) > 1:
        given = [_dotted_initials(given[0])]  # "Smith, JA" is J. A., not a name "JA"
    joined = " ".join(given)
    if " -" in joined:
        joined = _SPACE_HYPHEN.sub("-", joined)  # "Brandt, P. -w." is P.-w.
    given_text = joined or None
    return (
        Name(
            family=_join(family_tokens),
            given=given_text,
            dropping_particle=_join(dropping),
            non_dropping_particle=particle,
            suffix=suffix,
        ),
        rule,
    )


def _first_surname_start(given: list[str], has_trailing_particle: bool) -> int | None:
    """Return where a surname starts after the initials of a given part, or None.

    Two or more initials then full words ("J. A. Caballero"), or one initial, a full
    word and a particle ("C. Pérez de los"); "J. Robert" and "Brecht I. C" stay given.
    """
    n = 0
    while n < len(given) and _DOTTED_INITIALS.match(given[n]):
        n += 1
    rest = given[n:]
    if not n or not rest or not all(w[:1].isupper() and w[1:].islower() for w in rest):
        return None
    return n if n >= 2 or has_trailing_particle else None


def _person_direct(text: str) -> tuple[Name, str]:
    """Read a name without a comma, in the order its shape suggests."""
    tokens = _strip_honorifics(text.split())
    if not tokens:
        return Name(literal=text), "names.unreadable"
    suffix = None
    if len(tokens) > 1 and _is_suffix(tokens[-1]):
        suffix = tokens.pop()
    if _CJK.search(text):
        if len(tokens) == 1:  # no space: where the family name ends is unknown
            # a CSL literal, which citeproc-js prints as written, as it would print
            # family + given of a CJK name (family first, no space)
            return Name(literal=tokens[0]), "names.cjk-unsplit"
        return Name(family=tokens[0], given=_join(tokens[1:])), "names.cjk-family-first"
    if len(tokens) == 1:
        if glued := _GLUED_INITIALS.match(tokens[0]):  # "P.B.Lehning"
            return Name(
                family=glued.group(2), given=glued.group(1), suffix=suffix
            ), "names.glued-initials"
        return Name(family=tokens[0], suffix=suffix), "names.single-word"
    if _PUBMED_INITIALS.match(tokens[-1]) and not tokens[0].isupper():
        initials = _dotted_initials(tokens[-1])
        return Name(
            family=_join(tokens[:-1]), given=initials, suffix=suffix
        ), "names.pubmed-initials"
    if (
        len(tokens) <= 3
        and _DOTTED_INITIALS.match(tokens[-1])
        and tokens[-1].isupper()
        and not any(_DOTTED_INITIALS.match(t) for t in tokens[:-1])
    ):  # "Lehning P.B.", "Sartre J.-P.": family, then initials
        return Name(
            family=_join(tokens[:-1]), given=tokens[-1], suffix=suffix
        ), "names.family-then-initials"
    if (
        len(tokens) == 2
        and _SYLLABLE_GIVEN.match(tokens[1])
        and tokens[0].lower() in _words("family-first")
    ):  # "Kim Jong-un", "Chiang Kai-shek": family first, given syllables hyphenated
        return Name(family=tokens[0], given=tokens[1], suffix=suffix), "names.east-asian-order"
    caps = [
        t.isupper() and len(t.strip(".-'")) > 1 and not _DOTTED_INITIALS.match(t) for t in tokens
    ]
    if any(caps) and not all(caps):
        upper = [_titlecase(t) for t, c in zip(tokens, caps, strict=True) if c]
        other = [t for t, c in zip(tokens, caps, strict=True) if not c]
        return Name(
            family=_join(upper), given=_join(other), suffix=suffix
        ), "names.capitalised-family"
    if len(tokens) == 3 and _PATRONYMIC.search(tokens[2]):
        return Name(family=tokens[0], given=_join(tokens[1:])), "names.patronymic-order"
    particles = _words("particle")
    start = next(
        (i for i, t in enumerate(tokens[1:-1], 1) if t == t.lower() and t in particles), None
    )
    given: list[str]
    particle: list[str]
    family: list[str]
    if start is None:  # "Anna Maria Smith": the last word is the family name
        given, particle, family = tokens[:-1], [], tokens[-1:]
    else:  # "Charles de la Vallée Poussin": the family name starts at the particle
        end = start
        while (
            end < len(tokens) - 1
            and tokens[end] == tokens[end].lower()
            and tokens[end] in particles
        ):
            end += 1
        given, particle, family = tokens[:start], tokens[start:end], tokens[end:]
    return (
        Name(
            family=_join(family),
            given=_join(given),
            non_dropping_particle=_join(particle),
            suffix=suffix,
        ),
        "names.given-family",
    )


@lru_cache(maxsize=8192)  # pure; harvests repeat the same names across records
def read_name(text: str, attributes: tuple[tuple[str, str], ...] = ()) -> NameReading:
    """Interpret one name string (and its XML attributes) as a person or organisation."""
    raw = text
    s = clean_inline(text)
    if "@" in s:
        s = _EMAIL.sub("", s)
    if s.rstrip(" .")[-2:].lower() == "al":  # cheap test before the "et al." pattern
        s = _ET_AL.sub("", s)
    s = s.strip(" ;,")
    placeholders = _words("placeholder")
    if s.lower() in placeholders:
        return NameReading(None, f"names:{placeholders[s.lower()]}")
    orcid = find_orcid(s) if "-" in s else None
    if orcid is None and attributes:
        orcid = next((find_orcid(v) for _, v in attributes if find_orcid(v)), None)
    if orcid:
        s = _ORCID_WRAP.sub("", s).strip(" ;,")
    role: tuple[str, str] | None = None
    for _, value in attributes:
        role = role or _role_of(value)
    life: str | None = None
    affiliation_like = bool(_LEADING_GROUP.match(s)) or len(s) > 120
    if s.startswith("[") and s.endswith("]") and s.count("[") == 1:
        s = s[1:-1].strip()  # a name supplied by the cataloguer
    qualifiers: list[str] = []
    while s.endswith((")", "]")) and (match := _TRAILING_GROUP.search(s)):
        inner = match.group(1).strip()
        found = _role_of(inner)
        if found:
            role = role or found
        elif _life_dates(inner):
            life = life or _life_dates(inner)
        else:
            qualifiers.append(match.group(0))
        s = s[: match.start()].strip(" ,")
        if not s:
            break
    parts = [p.strip() for p in s.split(",")]
    while len(parts) > 1:
        last = parts[-1]
        found = _role_of(last)
        has_digit = not found and _DIGIT.search(last) is not None  # dates need digits
        dated = has_digit and _LIFE_THEN_ROLE.match(last)  # RDA "1941- author."
        if found and _is_given_name_not_role(parts, last):
            break  # ArchivesSpace's agent "Agent, Creator" is Creator Agent
        if found:
            role = role or found
        elif has_digit and _life_dates(last):
            life = life or _life_dates(last)
        elif dated and _life_dates(dated.group(1)) and _role_of(dated.group(2)):
            life = life or _life_dates(dated.group(1))
            role = role or _role_of(dated.group(2))
        elif last and not _strip_honorifics(last.split()):
            pass  # only titles: "prof. dr. ir."
        elif _is_description(parts, last):
            pass  # "Mike Moore, student newspaper photographer"
        elif not last:
            pass
        else:
            break
        parts.pop()
    role_field, role_rule = (role[0], f"names:{role[1]}") if role else (None, None)
    base = ", ".join(parts)
    org = organisation_rule(base)  # a person's "(University of X)" is an affiliation
    if not org and "," not in base and any(_is_acronym(q) for q in qualifiers):
        org = "names.acronym-qualifier"  # "Technische Informationsbibliothek (TIB)"
    if not org and not any(c.isalnum() for c in base):
        return NameReading(None, "names.empty")  # only brackets, dashes or an ORCID
    if org:
        # the organisation's own bracketed parts stay ("(TIB)"); roles and ORCIDs do not
        literal = (base + "".join(reversed(qualifiers))).strip()
        name = Name(
            literal=literal or clean_inline(raw),
            orcid=orcid,
            role=_role_word(raw, attributes) if role else None,
            raw=raw,
        )
        return NameReading(
            name, org, role_field, role_rule, is_affiliation_like=True, is_organisation=True
        )
    suffix = None
    if len(parts) > 2 and _is_suffix(parts[-1]):
        suffix = parts.pop()
    if len(parts) == 2 and _is_suffix(parts[1]) and not _is_initials_not_suffix(parts):
        person, rule = _person_direct(parts[0])
        person = Name(
            family=person.family,
            given=person.given,
            non_dropping_particle=person.non_dropping_particle,
            suffix=parts[1],
        )
    elif len(parts) >= 2:
        person, rule = _person_inverted(parts[0], " ".join(parts[1:]))
    else:
        person, rule = _person_direct(parts[0])
    name = Name(
        family=person.family,
        given=person.given,
        non_dropping_particle=person.non_dropping_particle,
        dropping_particle=person.dropping_particle,
        suffix=person.suffix or suffix,
        literal=person.literal,
        orcid=orcid,
        life_dates=life,
        role=_role_word(raw, attributes) if role else None,
        raw=raw,
    )
    affiliation = next(
        (
            q.strip(" ()[]")
            for q in qualifiers
            if _is_acronym(q)
            or organisation_rule(q.strip(" ()[]"))
            and not re.fullmatch(r"[\s\d()\[\]-]+", q)
        ),
        None,
    )
    return NameReading(name, rule, role_field, role_rule, affiliation_like, affiliation)


def _is_given_name_not_role(parts: list[str], last: str) -> bool:
    """Tell whether a capitalised role word after a one-word family name is its given name."""
    return (
        len(parts) == 2
        and " " not in parts[0]
        and last.isalpha()
        and last[:1].isupper()
        and last[1:].islower()
    )


def _is_description(parts: list[str], last: str) -> bool:
    """Tell whether a lower-case phrase ending in a role word describes a "Given Family"."""
    words = parts[0].split()
    return (
        len(parts) == 2
        and len(words) >= 2
        and words[0][:1].isupper()
        and " " in last
        and last == last.lower()
        and _role_of(last.rsplit(" ", 1)[1]) is not None  # "student newspaper photographer"
    )


def _is_initials_not_suffix(parts: list[str]) -> bool:
    """Tell whether "Gray, S. J." holds initials rather than the order's "S.J."."""
    return " " not in parts[0] and bool(_DOTTED_INITIALS.match(parts[1])) and parts[1].isupper()


def _role_word(raw: str, attributes: tuple[tuple[str, str], ...]) -> str | None:
    """Return the role word as written in the value or its attributes."""
    for match in re.finditer(r"[(\[]([^()\[\]]*)[)\]]", raw):
        if _role_of(match.group(1)):
            return match.group(1).strip()
    for part in raw.split(",")[1:]:
        if _role_of(part):
            return part.strip()
    for _, value in attributes:
        if _role_of(value):
            return value
    return None
