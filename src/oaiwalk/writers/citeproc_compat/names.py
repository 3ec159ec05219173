"""Split name particles and suffixes out of CSL names as citeproc-js does.

citeproc-py prints a name's parts as given, so "Laan, L. van der" (given "L. van der")
came out as "Laan, L. van . der ." in APA. citeproc-js (``CSL.parseParticles``, applied
when a person name has no explicit non-dropping particle and is not quoted) moves
leading lower-case words of the family name into ``non-dropping-particle``, trailing
lower-case words of the given name into ``dropping-particle``, and a ", Jr." in the
given name into ``suffix``. This is a port of that function.
Offered upstream as: "parse particles in CiteProcJSON names, as citeproc-js does".
"""

from __future__ import annotations

import re

__all__ = ["parse_particles"]

# CSL.PARTICLE_GIVEN_REGEXP and CSL.PARTICLE_FAMILY_REGEXP (the given one runs on
# the reversed string, so it finds trailing words)
_GIVEN = re.compile(r"^([^ ]+(?:\u02bb |\u2019 | |' ) *)(.+)$", re.S)
_FAMILY = re.compile(r"^([^ ]+(?:-|\u02bb|\u2019| |') *)(.+)$", re.S)
_LEADING = re.compile(r"^[-'\u02bb\u2019\s]*(.).*$", re.S)
_SUFFIX_COMMA = re.compile(r"(\s*,!*\s*)")


def _split(value: str, trailing: bool) -> tuple[str, list[str]]:
    """Return the name without its particles and the particles, in order."""
    original = value
    particles: list[str] = []
    rex = _GIVEN if trailing else _FAMILY
    if trailing:
        value = value[::-1]
    match = rex.match(value)
    while match:
        word = match.group(1)[::-1] if trailing else match.group(1)
        first = _LEADING.sub(r"\1", word)
        if not first or first.upper() == first:  # citeproc-js: first char is not lower case
            break
        if trailing:
            particles.append(original[-len(word) :])
            original = original[: -len(word)]
        else:
            particles.append(original[: len(word)])
            original = original[len(word) :]
        value = match.group(2)
        match = rex.match(value)
    if trailing:
        particles.reverse()
        for i in range(1, len(particles)):
            if particles[i].startswith(" "):
                particles[i - 1] += " "
        particles = [p[1:] if p.startswith(" ") else p for p in particles]
        return original[: len(value)], particles
    return original[len(original) - len(value) :], particles


def _trim_last(text: str) -> str:
    last = text[-1:]
    text = text.strip()
    if last == " " and text[-1:] in ("'", "\u2019"):
        text += " "
    return text


def parse_particles(name: dict[str, str]) -> dict[str, str]:
    """Return a CSL person name with particles and suffix split out (a new dict).

    Names that already carry a non-dropping particle, lack a family or given part, or
    whose family is in double quotes (CSL's "do not parse") are returned as they are.
    """
    family, given = name.get("family"), name.get("given")
    if not family or not given or name.get("non-dropping-particle") or "literal" in name:
        return name
    if family.startswith('"') and family.endswith('"') and len(family) > 1:
        return {**name, "family": family[1:-1]}
    out = dict(name)
    rest, leading = _split(family, trailing=False)
    out["family"] = rest
    particle = _trim_last("".join(leading))
    if particle:
        out["non-dropping-particle"] = particle
    if not out.get("suffix"):
        match = _SUFFIX_COMMA.search(given)
        if match:
            start = match.start(1)
            possible = given[start + len(match.group(1)) :]
            if possible.replace(".", "") == "et al" and not out.get("dropping-particle"):
                out["dropping-particle"] = possible
            else:
                out["suffix"] = possible
            given = given[:start]
    rest, trailing_particles = _split(given, trailing=True)
    out["given"] = rest
    dropping = "".join(trailing_particles).strip()
    if dropping:
        out["dropping-particle"] = dropping
    return {k: v for k, v in out.items() if v != "" or k in ("family",)}
