"""RDF profiles: turn one Record into RDF nodes following a ``crosswalks/rdf-*.toml`` table.

A profile table names, per Record field, the predicate and one of a few named builders
(``text``, ``agents``, ``typed-date`` ...); the builders below hold all the code, the
tables none, as citation-js keeps its mappings. Subjects are IRIs under ``base_uri``
("records/" + the percent-encoded record id); agents, publisher and containers are
hash IRIs of the record ("#author-1", "#container"), so output is byte-stable and no
two records share a node. Only list cells are blank nodes, labelled from the record.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from oaiwalk.errors import FormatError, TableError
from oaiwalk.model import Identifier, Name, PartialDate, Record
from oaiwalk.writers.rdf_terms import (
    Blank,
    Iri,
    Lit,
    Node,
    Object,
    clean_text,
    is_language_tag,
    is_safe_iri,
    record_slug,
)

__all__ = [
    "DEFAULT_BASE_URI",
    "PROFILES",
    "Profile",
    "RecordGraph",
    "build_nodes",
    "check_base_uri",
    "load_profile",
]

# A documentation-only domain (RFC 2606 reserves example.org): users publishing RDF
# pass their own ``base_uri``; the default still gives valid, stable, absolute IRIs.
DEFAULT_BASE_URI = "https://example.org/oaiwalk/"
PROFILES = ("dcterms", "schema", "fabio")

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = Iri(RDF + "type")
RDF_FIRST = Iri(RDF + "first")
RDF_REST = Iri(RDF + "rest")
RDF_NIL = Iri(RDF + "nil")
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True, slots=True)
class FieldRule:
    """One ``[[field]]`` row with its CURIEs expanded."""

    id: str
    field: str
    predicate: Iri
    build: str
    options: Mapping[str, Iri]


@dataclass(frozen=True, slots=True)
class Level:
    """One container level (issue, volume, journal), innermost first."""

    id: str
    fragment: str
    cls: Iri | None
    properties: tuple[tuple[str, Iri], ...]


@dataclass(frozen=True, slots=True)
class Profile:
    """A loaded profile table: expanded IRIs, ready for ``build_nodes``."""

    name: str
    prefixes: tuple[tuple[str, str], ...]
    type_attribute: str
    default_class: Iri
    type_links: tuple[tuple[str, Iri], ...]
    fields: tuple[FieldRule, ...]
    agents: Mapping[str, Iri]
    header: Mapping[str, Iri]
    identifier_rules: Mapping[str, Mapping[str, Iri]]
    container_link: Iri | None
    container_default_class: Iri | None
    container_classes: Mapping[str, Iri]
    levels: tuple[Level, ...]
    reserved_schemes: frozenset[str] = field(default_factory=frozenset)
    namespaces: Mapping[str, str] = field(default_factory=dict)  # prefixes as a dict

    def carried_fields(self) -> frozenset[str]:
        """Return the Record attributes this profile writes."""
        carried = {rule.field for rule in self.fields}
        carried.update(f for level in self.levels for f, _ in level.properties)
        return frozenset(carried | {"type"})

    def expand(self, curie: str) -> Iri | None:
        """Return the IRI of a CURIE or absolute IRI; None when it is neither."""
        prefix, sep, local = curie.partition(":")
        if not sep:
            return None
        namespace = self.namespaces.get(prefix)
        if namespace is not None:
            return Iri(namespace + local)
        return Iri(curie) if is_safe_iri(curie, self.reserved_schemes) else None


@cache
def load_profile(name: str) -> Profile:
    """Return the profile ``name`` from ``crosswalks/rdf-<name>.toml``; FormatError if none."""
    if name not in PROFILES:
        raise FormatError(
            f"unknown RDF profile '{name}'; available: {', '.join(PROFILES)}", PROFILES
        )
    from oaiwalk.crosswalk.tables import load_table

    return _parse_profile(load_table(f"rdf-{name}"))


def _parse_profile(table: dict[str, Any]) -> Profile:
    prefixes = tuple(table["prefixes"].items())
    names = dict(prefixes)
    meta = table["profile"]

    def iri(curie: str) -> Iri:
        prefix, sep, local = curie.partition(":")
        if not sep or prefix not in names:
            raise TableError(f"rdf-{meta['id']}.toml: '{curie}' uses an undeclared prefix")
        return Iri(names[prefix] + local)

    rules = tuple(
        FieldRule(
            row["id"],
            row["field"],
            iri(row["predicate"]),
            row["build"],
            {k: iri(v) for k, v in row.items() if k.endswith("_predicate")},
        )
        for row in table.get("field", ())
    )
    for rule in rules:
        if rule.build not in _BUILDERS:
            raise TableError(f"rdf-{meta['id']}.toml: row {rule.id} names unknown build")
    ids = {
        row["kind"]: {k: iri(row[k]) for k in ("predicate", "link") if k in row}
        for row in table.get("identifier", ())
    }
    container = table.get("container", {})
    levels = tuple(
        Level(
            row["id"],
            row["fragment"],
            iri(row["class"]) if "class" in row else None,
            tuple((f, iri(p)) for f, p in row["properties"].items()),
        )
        for row in container.get("level", ())
    )
    classes = {csl: iri(row["class"]) for row in container.get("class", ()) for csl in row["csl"]}
    return Profile(
        name=meta["id"],
        prefixes=prefixes,
        type_attribute=meta["type_attribute"],
        default_class=iri(meta["default_class"]),
        type_links=tuple((r["attribute"], iri(r["predicate"])) for r in table.get("type_link", ())),
        fields=rules,
        agents={k: iri(v) for k, v in table["agents"].items()},
        header={k: iri(v) for k, v in table.get("header", {}).items()},
        identifier_rules=ids,
        container_link=iri(container["link"]) if "link" in container else None,
        container_default_class=(
            iri(container["default_class"]) if "default_class" in container else None
        ),
        container_classes=classes,
        levels=levels,
        reserved_schemes=frozenset(p.lower() for p, _ in prefixes),
        namespaces=names,
    )


def check_base_uri(base_uri: str) -> str:
    """Return ``base_uri`` ending in '/'; raise FormatError unless it is an absolute IRI.

    A fragment is refused: record nodes hang their own fragments ("#author-1") on it.
    """
    if not is_safe_iri(base_uri) or "#" in base_uri:
        raise FormatError(f"--base-uri '{base_uri}' is not an absolute IRI without a fragment")
    return base_uri if base_uri.endswith("/") else base_uri + "/"


# --------------------------------------------------------------------------- per record


class RecordGraph:
    """The nodes of one record, in order, without duplicate triples."""

    __slots__ = ("subject", "nodes", "profile", "_lists")

    def __init__(self, subject: Iri, profile: Profile) -> None:
        self.subject = subject
        self.profile = profile
        self.nodes: dict[str, Node] = {}
        self._lists = 0

    def add(self, subject: Iri | Blank, predicate: Iri, obj: Object) -> None:
        """Add one triple unless it is already there."""
        node = self.nodes.get(subject)
        if node is None:
            node = self.nodes[subject] = Node(subject, {})
        objects = node.properties.get(predicate)
        if objects is None:
            node.properties[predicate] = {obj: None}
        else:
            objects[obj] = None

    def collection(self, items: list[Iri]) -> Iri | Blank:
        """Add an rdf:List of ``items`` and return its head.

        Cells are blank nodes labelled from the record IRI, written the same way in every
        syntax (no Turtle "( )" or JSON-LD "@list", which mint fresh nodes): a record
        repeated in one input then collapses to the same graph whatever the syntax.
        """
        self._lists += 1
        digest = hashlib.sha1(self.subject.encode("utf-8")).hexdigest()[:16]
        cells = [Blank(f"l{digest}x{self._lists}n{i}") for i in range(1, len(items) + 1)]
        for index, (cell, item) in enumerate(zip(cells, items, strict=True)):
            self.add(cell, RDF_FIRST, item)
            self.add(cell, RDF_REST, cells[index + 1] if index + 1 < len(cells) else RDF_NIL)
        return cells[0] if cells else RDF_NIL

    def iri(self, value: str) -> Iri | None:
        """Return ``value`` as an IRI when it is safe in every syntax, else None."""
        value = clean_text(value).strip()
        return Iri(value) if is_safe_iri(value, self.profile.reserved_schemes) else None


def build_nodes(record: Record, profile: Profile, base_uri: str) -> list[Node]:
    """Return the RDF nodes of one record; the record's own node comes first."""
    subject = Iri(base_uri + "records/" + record_slug(record.id))
    graph = RecordGraph(subject, profile)
    cls = profile.expand(getattr(record.type, profile.type_attribute, "") or "")
    if cls is not None:
        graph.add(subject, RDF_TYPE, cls)
    # The profile's base class too (as OpenCitations types fabio:Expression beside the
    # specific class), so consumers and SHACL shapes can target every record without RDFS.
    graph.add(subject, RDF_TYPE, profile.default_class)
    for attribute, predicate in profile.type_links:
        value = getattr(record.type, attribute, None)
        target = graph.iri(value) if value else None
        if target is not None:
            graph.add(subject, predicate, target)
    builders = _BUILDERS
    for rule in profile.fields:
        value = getattr(record, rule.field, None)
        if value:
            builders[rule.build](graph, rule, value)
    _add_container(graph, record)
    _add_header(graph, record)
    return list(graph.nodes.values())


def _text(value: str) -> Lit | None:
    text = clean_text(value).strip()
    return Lit(text) if text else None


def _each(value: Any) -> Iterable[Any]:
    return value if isinstance(value, tuple | list) else (value,)


def _build_text(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    for item in _each(value):
        lit = _text(str(item))
        if lit is not None:
            graph.add(graph.subject, rule.predicate, lit)


def _build_tagged_text(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    for lang, text in value:
        lit = _text(text)
        if lit is not None:
            tag = lang if lang and is_language_tag(lang) else None
            graph.add(graph.subject, rule.predicate, Lit(lit.text, lang=tag))


def _build_iri(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    """IRI when safe; otherwise a literal, under ``fallback_predicate`` when the row has one."""
    for item in _each(value):
        target = graph.iri(item)
        if target is not None:
            graph.add(graph.subject, rule.predicate, target)
            continue
        lit = _text(item)
        if lit is not None:
            graph.add(graph.subject, rule.options.get("fallback_predicate", rule.predicate), lit)


def _build_language(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    for item in _each(value):
        lit = _text(item)
        if lit is not None:
            typed = is_language_tag(lit.text)
            graph.add(
                graph.subject, rule.predicate, Lit(lit.text, XSD + "language" if typed else None)
            )


def date_literal(date: PartialDate) -> Lit | None:
    """Return an xsd:gYear/gYearMonth/date literal by precision, or a plain literal.

    Ranges, seasons, "circa" and impossible dates stay plain text (the raw value).
    """
    parts = date.parts
    if len(parts) == 1 and not date.circa and date.season is None and 1 <= parts[0][0] <= 9999:
        ymd = parts[0]
        try:
            if len(ymd) == 3:
                datetime.date(*ymd)
                return Lit(date.iso() or "", XSD + "date")
            if len(ymd) == 2 and 1 <= ymd[1] <= 12:
                return Lit(date.iso() or "", XSD + "gYearMonth")
            if len(ymd) == 1:
                return Lit(date.iso() or "", XSD + "gYear")
        except ValueError:
            pass
    text = date.raw or date.literal or "/".join("-".join(str(n) for n in p) for p in parts)
    return _text(text)


def _build_typed_date(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    lit = date_literal(value)
    if lit is not None:
        graph.add(graph.subject, rule.predicate, lit)


def _build_plain_date(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    """ISO 8601 text without a datatype (schema.org Date as consumers read it)."""
    lit = date_literal(value)
    if lit is not None:
        graph.add(graph.subject, rule.predicate, Lit(lit.text))


_PAGE_RANGE = re.compile(
    r"\s*([^\s\-\u2010-\u2015]+)\s*[\-\u2010-\u2015]+\s*([^\s\-\u2010-\u2015]+)\s*"
)


def _build_pages(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    match = _PAGE_RANGE.fullmatch(value)
    start, end = rule.options.get("start_predicate"), rule.options.get("end_predicate")
    if match and start and end:
        graph.add(graph.subject, start, Lit(clean_text(match[1])))
        graph.add(graph.subject, end, Lit(clean_text(match[2])))
    elif start and value.strip().isalnum():
        graph.add(graph.subject, start, Lit(clean_text(value.strip())))
    else:
        _build_text(graph, rule, value)


def _build_isbn(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    digits = re.sub(r"[^0-9Xx]", "", value)
    short = rule.options.get("short_predicate")
    predicate = short if short and len(digits) == 10 else rule.predicate
    graph.add(graph.subject, predicate, Lit(digits.upper() if len(digits) in (10, 13) else value))


def _agent_node(graph: RecordGraph, agent: Iri, name: Name) -> bool:
    vocab = graph.profile.agents
    if name.literal is not None:
        label = _text(name.literal)
        if label is None:
            return False
        graph.add(agent, RDF_TYPE, vocab["organisation_class"])
        graph.add(agent, vocab["name"], label)
        return True
    family = _text(" ".join(p for p in (name.non_dropping_particle, name.family) if p))
    given = _text(" ".join(p for p in (name.given, name.dropping_particle) if p))
    full = _text(
        " ".join(
            p
            for p in (name.given, name.dropping_particle, name.non_dropping_particle, name.family)
            if p
        )
        + (f", {name.suffix}" if name.suffix else "")
    ) or _text(name.raw)
    if full is None:
        return False
    graph.add(agent, RDF_TYPE, vocab["person_class"])
    graph.add(agent, vocab["name"], full)
    if family is not None:
        graph.add(agent, vocab["family_name"], family)
    if given is not None:
        graph.add(agent, vocab["given_name"], given)
    orcid = graph.iri(f"https://orcid.org/{name.orcid}") if name.orcid else None
    if orcid is not None:
        graph.add(agent, vocab["same_as"], orcid)
    return True


def _build_agents(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    agents = []
    for position, name in enumerate(value, 1):
        agent = Iri(f"{graph.subject}#{rule.field}-{position}")
        if _agent_node(graph, agent, name):
            graph.add(graph.subject, rule.predicate, agent)
            agents.append(agent)
    listed = rule.options.get("list_predicate")
    if listed and agents:
        head = graph.collection(agents)
        graph.add(graph.subject, listed, head)


def _build_organisation(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    agent = Iri(f"{graph.subject}#{rule.field}")
    if _agent_node(graph, agent, Name(literal=value)):
        graph.add(graph.subject, rule.predicate, agent)


def _build_identifiers(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    identifier: Identifier
    for identifier in value:
        lit = _text(identifier.value)
        if lit is None:
            continue
        kind_rule = graph.profile.identifier_rules.get(identifier.kind, {})
        graph.add(graph.subject, kind_rule.get("predicate", rule.predicate), lit)
        link = kind_rule.get("link")
        uri = identifier.uri() if link else None
        target = graph.iri(uri) if uri else None
        if link and target is not None:
            graph.add(graph.subject, link, target)


_BUILDERS: dict[str, Callable[[RecordGraph, FieldRule, Any], None]] = {
    "agents": _build_agents,
    "identifiers": _build_identifiers,
    "iri": _build_iri,
    "isbn": _build_isbn,
    "language": _build_language,
    "organisation": _build_organisation,
    "pages": _build_pages,
    "plain-date": _build_plain_date,
    "tagged-text": _build_tagged_text,
    "text": _build_text,
    "typed-date": _build_typed_date,
}


def _add_container(graph: RecordGraph, record: Record) -> None:
    """Link the record to its innermost present level, each level to the next."""
    profile = graph.profile
    if profile.container_link is None:
        return
    present = [
        level
        for level in profile.levels
        if any(getattr(record, f, None) for f, _ in level.properties)
    ]
    parent: Iri = graph.subject
    for index, level in enumerate(present):
        node = Iri(f"{graph.subject}#{level.fragment}")
        cls = level.cls
        if index == len(present) - 1 and level is profile.levels[-1]:
            cls = profile.container_classes.get(record.type.csl, profile.container_default_class)
        if cls is not None:
            graph.add(node, RDF_TYPE, cls)
        for attribute, predicate in level.properties:
            lit = _text(getattr(record, attribute, None) or "")
            if lit is not None:
                graph.add(node, predicate, lit)
        graph.add(parent, profile.container_link, node)
        parent = node


_DATESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?")


def _add_header(graph: RecordGraph, record: Record) -> None:
    header = record.provenance.header
    predicates = graph.profile.header
    if header.identifier and "identifier" in predicates:
        lit = _text(header.identifier)
        if lit is not None:
            graph.add(graph.subject, predicates["identifier"], lit)
    stamp = (header.datestamp or "").strip()
    if stamp and "datestamp" in predicates:
        if _DATESTAMP.fullmatch(stamp) and _valid_stamp(stamp):
            datatype = XSD + ("dateTime" if "T" in stamp else "date")
            graph.add(graph.subject, predicates["datestamp"], Lit(stamp, datatype))
        else:
            graph.add(graph.subject, predicates["datestamp"], Lit(clean_text(stamp)))


def _valid_stamp(stamp: str) -> bool:
    try:
        datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
