"""Write synthetic OAI-PMH ListRecords files whose variety mirrors the real corpus.

Per-record element counts follow histograms measured on ``../shared/corpus/raw`` at run
time (or, without it, the histograms below, measured the same way on 2026-11-25). Values
are synthetic but take the forms real repositories use: "Family, Given", "Given Family",
initials, particles, organisations; years, year-months, timestamps, ranges, circa;
DOIs in several wrappings, ISSNs, handles, URLs; DCMI, info:eu-repo and platform type
words; language codes and names; long abstracts. How often a value repeats an earlier one
follows the corpus too (the share of distinct values per element), so caches in oaiwalk
get no more help than real harvests give them: new names, subjects and publishers keep
being made up (from syllables) at the measured rate.

    python benchmarks/generate.py 100000 benchmarks/data/synthetic-100k.xml
"""

from __future__ import annotations

import argparse
import collections
import random
from pathlib import Path
from xml.sax.saxutils import escape

from oaiwalk.model import DC_ELEMENTS

ELEMENTS = DC_ELEMENTS  # the 15 DC 1.1 elements, in oaiwalk's own order
# count -> number of records, measured on the corpus (3,858 oai_dc records)
FALLBACK_HISTOGRAMS: dict[str, dict[int, int]] = {
    "title": {0: 58, 1: 3781, 2: 15, 3: 2, 4: 2},
    "creator": {0: 2458, 1: 749, 2: 187, 3: 131, 4: 127, 5: 65, 6: 49, 7: 22, 8: 20, 10: 50},
    "subject": {0: 2866, 1: 178, 2: 345, 3: 177, 4: 87, 5: 71, 6: 47, 7: 26, 8: 18, 10: 43},
    "description": {0: 2483, 1: 1108, 2: 253, 3: 9, 4: 2},
    "publisher": {0: 3183, 1: 648, 2: 27},
    "contributor": {0: 3593, 1: 204, 2: 29, 3: 22, 4: 5, 5: 4},
    "date": {0: 2481, 1: 1164, 2: 12, 3: 195, 4: 4},
    "type": {0: 2494, 1: 515, 2: 148, 3: 698, 4: 2},
    "format": {0: 3460, 1: 118, 2: 237, 3: 9, 4: 12, 10: 19},
    "identifier": {0: 58, 1: 1117, 2: 2651, 3: 26, 4: 4},
    "source": {0: 3517, 1: 338, 3: 2},
    "language": {0: 2786, 1: 981, 2: 90, 3: 1},
    "relation": {0: 3309, 1: 370, 2: 42, 3: 3, 6: 130},
    "coverage": {0: 3717, 1: 136, 3: 2},
    "rights": {0: 3173, 1: 657, 2: 22, 3: 5},
}

FAMILIES = [
    "Smith",
    "García Márquez",
    "Müller",
    "Nguyen",
    "O'Brien",
    "Kowalski",
    "Rossi",
    "Andersson",
    "Dubois",
    "Tanaka",
    "Okafor",
    "Ivanova",
    "Silva",
    "Chen",
    "Novák",
]
GIVENS = [
    "Anna",
    "José Luis",
    "Jürgen",
    "Thi Mai",
    "Siobhán",
    "Piotr",
    "Luca",
    "Sara K.",
    "Pierre-François",
    "Hiroshi",
    "Chidi",
    "Olga",
    "João",
    "Wei",
    "Jan",
]
# element -> distinct values / values, measured on the corpus the same way (2026-11-25)
FALLBACK_DISTINCT: dict[str, float] = {
    "contributor": 0.61,
    "coverage": 0.98,
    "creator": 0.65,
    "date": 0.24,
    "description": 0.81,
    "format": 0.07,
    "identifier": 0.63,
    "language": 0.02,
    "publisher": 0.27,
    "relation": 0.29,
    "rights": 0.08,
    "source": 0.12,
    "subject": 0.53,
    "title": 0.57,
    "type": 0.03,
}
SYLLABLES = "ka ber lin to mar sen vo ri dal ek su han mo ti gor el na wes pa ul".split()
PARTICLES = ["van der", "de la", "von", "de", "van"]
ORGS = [
    "World Health Organization",
    "Institut Català de la Salut",
    "CERN. Geneva",
    "Department of Physics, University of Example",
    "Example Research Consortium",
]
TYPES = [
    "info:eu-repo/semantics/article",
    "info:eu-repo/semantics/publishedVersion",
    "Text",
    "Article",
    "Thesis",
    "info:eu-repo/semantics/doctoralThesis",
    "Book Section",
    "Dataset",
    "Image",
    "Peer-reviewed Article",
    "Artículo",
    "conference paper",
    "http://purl.org/coar/resource_type/c_6501",
    "Working Paper",
    "text",
]
LANGS = ["eng", "en", "en_US", "spa", "fre", "ger", "Spanish", "deu", "ita", "por", "nl"]
WORDS = (
    "analysis model data study effect water health learning network system social "
    "climate protein cell market policy history language quantum energy urban"
).split()
PUBLISHERS = ["Elsevier", "Springer Nature", "Universidad de Ejemplo", "Example Press", "IEEE"]
RIGHTS = [
    "http://creativecommons.org/licenses/by/4.0/",
    "info:eu-repo/semantics/openAccess",
    "Attribution-NonCommercial-NoDerivatives 4.0 International",
    "All rights reserved. " + "Use of this item is subject to the terms of use. " * 2,
]


def measure_histograms(corpus: Path) -> dict[str, dict[int, int]]:
    """Count, per DC element, how many records have 0, 1, 2 ... values of it."""
    from lxml import etree

    dc_ns = "{http://purl.org/dc/elements/1.1/}"
    hist: dict[str, collections.Counter[int]] = {e: collections.Counter() for e in ELEMENTS}
    for path in sorted(corpus.glob("*.xml")):
        try:
            tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            continue
        for dc in tree.iter("{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"):
            seen = collections.Counter(
                el.tag[len(dc_ns) :]
                for el in dc
                if isinstance(el.tag, str) and el.tag.startswith(dc_ns)
            )
            for element in ELEMENTS:
                hist[element][min(seen.get(element, 0), 10)] += 1
    if not sum(hist["title"].values()):
        return FALLBACK_HISTOGRAMS
    return {e: dict(c) for e, c in hist.items()}


def measure_distinct(corpus: Path) -> dict[str, float]:
    """Return, per DC element, the share of its values that are distinct in the corpus."""
    from lxml import etree

    dc_ns = "{http://purl.org/dc/elements/1.1/}"
    values: dict[str, list[str]] = {e: [] for e in ELEMENTS}
    for path in sorted(corpus.glob("*.xml")):
        try:
            tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            continue
        for el in tree.iter(f"{dc_ns}*"):
            name = el.tag[len(dc_ns) :]
            if name in values and el.text and el.text.strip():
                values[name].append(el.text.strip())
    if not values["title"]:
        return FALLBACK_DISTINCT
    return {e: len(set(v)) / len(v) if v else 1.0 for e, v in values.items()}


class Repeats:
    """Repeat earlier values of an element at the rate real repositories do."""

    def __init__(self, distinct: dict[str, float], rng: random.Random) -> None:
        self.distinct = distinct
        self.rng = rng
        self.seen: dict[str, list[str]] = collections.defaultdict(list)

    def value(self, element: str, n: int) -> str:
        seen = self.seen[element]
        if seen and self.rng.random() >= self.distinct.get(element, 1.0):
            return self.rng.choice(seen)
        value = _value(element, self.rng, n)
        if len(seen) < 5000:  # a bounded pool of values to repeat
            seen.append(value)
        else:
            seen[self.rng.randrange(len(seen))] = value
        return value


def _made_up_family(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _name(rng: random.Random) -> str:
    family = rng.choice(FAMILIES) if rng.random() < 0.1 else _made_up_family(rng)
    given = rng.choice(GIVENS)
    form = rng.random()
    if form < 0.55:
        return f"{family}, {given}"
    if form < 0.7:
        return f"{given} {family}"
    if form < 0.8:
        return f"{family}, {given[0]}."
    if form < 0.88:
        return f"{rng.choice(PARTICLES)} {family}, {given}"
    if form < 0.93:
        return (
            f"{family}, {given} (0000-000{rng.randint(1, 3)}-{rng.randint(1000, 9999)}-"
            f"{rng.randint(1000, 9999)})"
        )
    return rng.choice(ORGS)


def _date(rng: random.Random) -> str:
    year = rng.randint(1900, 2025)
    return rng.choice(
        [
            f"{year}",
            f"{year}-{rng.randint(1, 12):02d}",
            f"{year}-{rng.randint(1, 12):02d}-15",
            f"2024-0{rng.randint(1, 9)}-2{rng.randint(0, 8)}T10:1{rng.randint(0, 9)}:00Z",
            f"{year}-{year + 1}",
            f"ca. {year}",
            f"[{year}?]",
        ]
    )


def _identifier(rng: random.Random, n: int) -> str:
    return rng.choice(
        [
            f"https://hdl.handle.net/{rng.randint(1000, 99999)}/{n}",
            f"10.{rng.randint(1000, 9999)}/example.{n}",
            f"https://doi.org/10.{rng.randint(1000, 9999)}/ex.{n}",
            f"doi:10.5555/ABC.{n}",
            f"https://repository.example.org/record/{n}",
            "2589-5559",
            f"https://repository.example.org/bitstream/{n}/file.pdf",
            f"Author A, Author B. A title. Journal of Examples. 2020;{n % 50}({n % 12}):1-{n % 9}.",
        ]
    )


def _value(element: str, rng: random.Random, n: int) -> str:
    words = lambda k: " ".join(rng.choice(WORDS) for _ in range(k))  # noqa: E731
    match element:
        case "title":
            return words(rng.randint(4, 14)).capitalize()
        case "creator" | "contributor":
            return _name(rng)
        case "subject":
            return rng.choice(
                [words(2), "A::B::" + words(1), f"{words(1)}; {_made_up_family(rng)}"]
                + [f"{_made_up_family(rng)} {words(1)}"] * 3
            )
        case "description":
            return words(rng.randint(20, 160)).capitalize() + "."
        case "publisher":
            return rng.choice([*PUBLISHERS, *[f"{_made_up_family(rng)} University Press"] * 10])
        case "date":
            return _date(rng)
        case "type":
            return rng.choice(TYPES)
        case "format":
            return rng.choice(["application/pdf", "text/html", "1 online resource", "image/jpeg"])
        case "identifier":
            return _identifier(rng, n)
        case "source":
            return f"Journal of {words(2).title()}; Vol {n % 40} No {n % 6} ({2000 + n % 25}); 1-20"
        case "language":
            return rng.choice(LANGS)
        case "relation":
            return rng.choice([f"https://doi.org/10.1234/rel.{n}", "Series " + words(2)])
        case "coverage":
            return rng.choice(["Europe", "1900-1950", "Volga basin, Russia"])
        case "rights":
            return rng.choice(RIGHTS)
    return words(3)


def _draw(hist: dict[int, int], rng: random.Random) -> int:
    counts, weights = zip(*sorted(hist.items()), strict=True)
    return rng.choices(counts, weights)[0]


def write_records(path: Path, n: int, seed: int = 7, corpus: Path | None = None) -> Path:
    """Write a ListRecords file of ``n`` records to ``path``; return the path."""
    rng = random.Random(seed)
    real = corpus is not None and corpus.is_dir()
    hist = measure_histograms(corpus) if real else FALLBACK_HISTOGRAMS  # type: ignore[arg-type]
    repeats = Repeats(measure_distinct(corpus) if real else FALLBACK_DISTINCT, rng)  # type: ignore[arg-type]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
            "<responseDate>2026-01-01T00:00:00Z</responseDate>"
            '<request verb="ListRecords" metadataPrefix="oai_dc">'
            "https://bench.example.org/oai</request><ListRecords>\n"
        )
        for i in range(n):
            out.write(
                f"<record><header><identifier>oai:bench.example.org:{i}</identifier>"
                f"<datestamp>2025-01-01T00:00:00Z</datestamp></header><metadata>"
                '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            )
            for element in ELEMENTS:
                k = (
                    _draw(hist[element], rng)
                    if element != "title"
                    else max(1, _draw(hist[element], rng))
                )
                for _ in range(k):
                    value = (
                        repeats.value(element, i) if element != "title" else _value(element, rng, i)
                    )
                    out.write(f"<dc:{element}>{escape(value)}</dc:{element}>")
            out.write("</oai_dc:dc></metadata></record>\n")
        out.write("</ListRecords></OAI-PMH>\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared" / "corpus" / "raw",
    )
    args = parser.parse_args()
    write_records(args.output, args.records, args.seed, args.corpus)
    print(f"wrote {args.records} records to {args.output}")


if __name__ == "__main__":
    main()
