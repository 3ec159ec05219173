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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import compress
from operator import attrgetter
from typing import Any

from oaiwalk.errors import FormatError, TableError
from oaiwalk.model import Identifier, Name, PartialDate, Record
from oaiwalk.writers.rdf_terms import (
    Blank,
    Iri,
    Lit,
    LiteralTerm,
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
RDF_TYPE = RDF + "type"
RDF_FIRST = RDF + "first"
RDF_REST = RDF + "rest"
RDF_NIL = RDF + "nil"
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True, slots=True)
class FieldRule:
    """One ``[[field]]`` row with its CURIEs expanded."""

    id: str
    field: str
    predicate: Iri
    build: str
    options: Mapping[str, Iri]


Builder = Callable[["RecordGraph", FieldRule, Any], None]


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
    # the field rules with their builders, and one C call reading all their Record values
    plan: tuple[tuple[FieldRule, Builder], ...] = ()
    values_of: Callable[[Record], tuple[Any, ...]] = field(default=lambda record: ())

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
            return namespace + local
        return curie if is_safe_iri(curie, self.reserved_schemes) else None


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
        return str(names[prefix]) + local

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
        plan=tuple((rule, _BUILDERS[rule.build]) for rule in rules if hasattr(Record, rule.field)),
        values_of=_values_getter([r.field for r in rules if hasattr(Record, r.field)]),
    )


def _values_getter(attributes: list[str]) -> Callable[[Record], tuple[Any, ...]]:
    """Return a function giving the values of ``attributes`` of a Record, as one tuple."""
    if len(attributes) == 1:
        name = attributes[0]
        return lambda record: (getattr(record, name),)
    if not attributes:
        return lambda record: ()
    return attrgetter(*attributes)


def check_base_uri(base_uri: str) -> str:
    """Return ``base_uri`` ending in '/'; raise FormatError unless it is an absolute IRI.

    A fragment is refused: record nodes hang their own fragments ("#author-1") on it.
    """
    if not is_safe_iri(base_uri) or "#" in base_uri:
        raise FormatError(f"--base-uri '{base_uri}' is not an absolute IRI without a fragment")
    return base_uri if base_uri.endswith("/") else base_uri + "/"


# --------------------------------------------------------------------------- per record


class RecordGraph:
    """The nodes of one record, in order, without duplicate triples.

    ``nodes`` maps each subject to its predicates, each predicate to its objects (dicts as
    ordered sets); ``main`` is the record's own node, always the first one.
    """

    __slots__ = ("subject", "nodes", "main", "profile", "_lists")

    def __init__(self, subject: Iri, profile: Profile) -> None:
        self.subject = subject
        self.profile = profile
        self.main: dict[str, dict[Object, None]] = {}
        self.nodes: dict[str, dict[str, dict[Object, None]]] = {subject: self.main}
        self._lists = 0

    def add(self, subject: Iri | Blank, predicate: Iri, obj: Object) -> None:
        """Add one triple unless it is already there."""
        node = self.nodes.get(subject)
        if node is None:
            node = self.nodes[subject] = {}
        objects = node.get(predicate)
        if objects is None:
            node[predicate] = {obj: None}
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
        value = (value if value.isprintable() else clean_text(value)).strip()
        return value if is_safe_iri(value, self.profile.reserved_schemes) else None


def build_nodes(record: Record, profile: Profile, base_uri: str) -> list[Node]:
    """Return the RDF nodes of one record; the record's own node comes first."""
    subject = base_uri + "records/" + record_slug(record.id)
    graph = RecordGraph(subject, profile)
    main = graph.main
    cls = profile.expand(getattr(record.type, profile.type_attribute, "") or "")
    # The profile's base class too (as OpenCitations types fabio:Expression beside the
    # specific class), so consumers and SHACL shapes can target every record without RDFS.
    if cls is not None:
        main[RDF_TYPE] = {cls: None, profile.default_class: None}
    else:
        main[RDF_TYPE] = {profile.default_class: None}
    for attribute, predicate in profile.type_links:
        value = getattr(record.type, attribute, None)
        target = _vocabulary_iri(value, profile.reserved_schemes) if value else None
        if target is not None:
            main.setdefault(predicate, {})[target] = None
    values = profile.values_of(record)
    # compress() skips the empty fields (most of them) in C
    for (rule, build), value in compress(zip(profile.plan, values, strict=True), values):
        build(graph, rule, value)
    _add_container(graph, record)
    _add_header(graph, record)
    return list(graph.nodes.items())


@lru_cache(maxsize=1024)
def _vocabulary_iri(value: str, reserved_schemes: frozenset[str]) -> Iri | None:
    # type links (COAR types) repeat across records: check each distinct value once
    value = clean_text(value).strip()
    return value if is_safe_iri(value, reserved_schemes) else None


def _text(value: str) -> LiteralTerm | None:
    text = (value if value.isprintable() else clean_text(value)).strip()
    return (text, None, None) if text else None


def _each(value: Any) -> tuple[Any, ...] | list[Any]:
    return value if isinstance(value, tuple | list) else (value,)


def _build_text(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    if type(value) is str:  # the common case, without the loop and _text calls
        text = (value if value.isprintable() else clean_text(value)).strip()
        if text:
            graph.main.setdefault(rule.predicate, {})[(text, None, None)] = None
        return
    for item in _each(value):
        lit = _text(item if item.__class__ is str else str(item))
        if lit is not None:
            graph.main.setdefault(rule.predicate, {})[lit] = None


def _build_tagged_text(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    for lang, text in value:
        lit = _text(text)
        if lit is not None:
            tag = lang if lang and is_language_tag(lang) else None
            graph.main.setdefault(rule.predicate, {})[(lit[0], None, tag)] = None


def _build_iri(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    """IRI when safe; otherwise a literal, under ``fallback_predicate`` when the row has one."""
    for item in _each(value):
        target = graph.iri(item)
        if target is not None:
            graph.main.setdefault(rule.predicate, {})[target] = None
            continue
        lit = _text(item)
        if lit is not None:
            predicate = rule.options.get("fallback_predicate", rule.predicate)
            graph.main.setdefault(predicate, {})[lit] = None


def _build_language(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    for item in _each(value):
        lit = _language_literal(item)
        if lit is not None:
            graph.main.setdefault(rule.predicate, {})[lit] = None


@lru_cache(maxsize=1024)
def _language_literal(value: str) -> LiteralTerm | None:
    # language codes repeat across records: build each distinct literal once
    lit = _text(value)
    if lit is None:
        return None
    return (lit[0], XSD + "language" if is_language_tag(lit[0]) else None, None)


def date_literal(date: PartialDate) -> Lit | None:
    """Return an xsd:gYear/gYearMonth/date literal by precision, or a plain literal.

    Ranges, seasons, "circa" and impossible dates stay plain text (the raw value).
    """
    term = _date_term(date)
    return Lit(*term) if term is not None else None


@lru_cache(maxsize=4096)
def _date_term(date: PartialDate) -> LiteralTerm | None:
    # dates repeat across records (years, whole days): build each distinct literal once
    parts = date.parts
    if len(parts) == 1 and not date.circa and date.season is None and 1 <= parts[0][0] <= 9999:
        ymd = parts[0]
        try:
            if len(ymd) == 3:
                datetime.date(*ymd)
                return (date.iso() or "", XSD + "date", None)
            if len(ymd) == 2 and 1 <= ymd[1] <= 12:
                return (date.iso() or "", XSD + "gYearMonth", None)
            if len(ymd) == 1:
                return (date.iso() or "", XSD + "gYear", None)
        except ValueError:
            pass
    text = date.raw or date.literal or "/".join("-".join(str(n) for n in p) for p in parts)
    return _text(text)


def _build_typed_date(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    lit = _date_term(value)
    if lit is not None:
        graph.main.setdefault(rule.predicate, {})[lit] = None


def _build_plain_date(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    """ISO 8601 text without a datatype (schema.org Date as consumers read it)."""
    lit = _date_term(value)
    if lit is not None:
        graph.main.setdefault(rule.predicate, {})[(lit[0], None, None)] = None


_PAGE_RANGE = re.compile(
    r"\s*([^\s\-\u2010-\u2015]+)\s*[\-\u2010-\u2015]+\s*([^\s\-\u2010-\u2015]+)\s*"
)


def _build_pages(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    match = _PAGE_RANGE.fullmatch(value)
    start, end = rule.options.get("start_predicate"), rule.options.get("end_predicate")
    if match and start and end:
        graph.add(graph.subject, start, (clean_text(match[1]), None, None))
        graph.add(graph.subject, end, (clean_text(match[2]), None, None))
    elif start and value.strip().isalnum():
        graph.add(graph.subject, start, (clean_text(value.strip()), None, None))
    else:
        _build_text(graph, rule, value)


_NOT_ISBN_CHAR = re.compile(r"[^0-9Xx]")


def _build_isbn(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    digits = _NOT_ISBN_CHAR.sub("", value)
    short = rule.options.get("short_predicate")
    predicate = short if short and len(digits) == 10 else rule.predicate
    text = digits.upper() if len(digits) in (10, 13) else value
    graph.add(graph.subject, predicate, (text, None, None))


def _node(graph: RecordGraph, subject: Iri) -> dict[str, dict[Object, None]]:
    """Return the predicates of ``subject``, adding the node after the others if new."""
    node = graph.nodes.get(subject)
    if node is None:
        node = graph.nodes[subject] = {}
    return node


def _organisation_node(graph: RecordGraph, agent: Iri, literal: str) -> bool:
    label = _text(literal)
    if label is None:
        return False
    vocab = graph.profile.agents
    node = _node(graph, agent)
    node.setdefault(RDF_TYPE, {})[vocab["organisation_class"]] = None
    node.setdefault(vocab["name"], {})[label] = None
    return True


def _agent_node(graph: RecordGraph, agent: Iri, name: Name) -> bool:
    if name.literal is not None:
        return _organisation_node(graph, agent, name.literal)
    # " ".join(filter(None, ...)) is " ".join(p for p in ... if p), without a generator
    family = _text(" ".join(filter(None, (name.non_dropping_particle, name.family))))
    given = _text(" ".join(filter(None, (name.given, name.dropping_particle))))
    full_name = " ".join(
        filter(None, (name.given, name.dropping_particle, name.non_dropping_particle, name.family))
    )
    full = _text(full_name + (f", {name.suffix}" if name.suffix else "")) or _text(name.raw)
    if full is None:
        return False
    vocab = graph.profile.agents
    node = _node(graph, agent)
    node.setdefault(RDF_TYPE, {})[vocab["person_class"]] = None
    node.setdefault(vocab["name"], {})[full] = None
    if family is not None:
        node.setdefault(vocab["family_name"], {})[family] = None
    if given is not None:
        node.setdefault(vocab["given_name"], {})[given] = None
    orcid = graph.iri(f"https://orcid.org/{name.orcid}") if name.orcid else None
    if orcid is not None:
        node.setdefault(vocab["same_as"], {})[orcid] = None
    return True


def _build_agents(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    agents = []
    prefix = f"{graph.subject}#{rule.field}-"
    for position, name in enumerate(value, 1):
        agent = prefix + str(position)
        if _agent_node(graph, agent, name):
            graph.main.setdefault(rule.predicate, {})[agent] = None
            agents.append(agent)
    listed = rule.options.get("list_predicate")
    if listed and agents:
        head = graph.collection(agents)
        graph.add(graph.subject, listed, head)


def _build_organisation(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    agent = f"{graph.subject}#{rule.field}"
    if _organisation_node(graph, agent, value):
        graph.main.setdefault(rule.predicate, {})[agent] = None


_NO_RULE: Mapping[str, Iri] = {}


def _build_identifiers(graph: RecordGraph, rule: FieldRule, value: Any) -> None:
    identifier: Identifier
    main = graph.main
    kind_rules = graph.profile.identifier_rules
    for identifier in value:
        lit = _text(identifier.value)
        if lit is None:
            continue
        kind_rule = kind_rules.get(identifier.kind, _NO_RULE)
        main.setdefault(kind_rule.get("predicate", rule.predicate), {})[lit] = None
        link = kind_rule.get("link")
        if link:
            uri = identifier.uri()
            target = graph.iri(uri) if uri else None
            if target is not None:
                main.setdefault(link, {})[target] = None


_BUILDERS: dict[str, Builder] = {
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
    link = profile.container_link
    if link is None:
        return
    present = []
    for level in profile.levels:
        for attribute, _ in level.properties:
            if getattr(record, attribute, None):
                present.append(level)
                break
    parent: Iri = graph.subject
    for index, level in enumerate(present):
        node = f"{graph.subject}#{level.fragment}"
        cls = level.cls
        if index == len(present) - 1 and level is profile.levels[-1]:
            cls = profile.container_classes.get(record.type.csl, profile.container_default_class)
        if cls is not None:
            graph.add(node, RDF_TYPE, cls)
        for attribute, predicate in level.properties:
            value = getattr(record, attribute, None)
            lit = _text(value) if value else None
            if lit is not None:
                graph.add(node, predicate, lit)
        graph.add(parent, link, node)
        parent = node


_DATESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?")


def _add_header(graph: RecordGraph, record: Record) -> None:
    header = record.provenance.header
    predicates = graph.profile.header
    if header.identifier:
        predicate = predicates.get("identifier")
        lit = _text(header.identifier) if predicate is not None else None
        if predicate is not None and lit is not None:
            graph.main.setdefault(predicate, {})[lit] = None
    if header.datestamp:
        predicate = predicates.get("datestamp")
        stamp = _datestamp_literal(header.datestamp) if predicate is not None else None
        if predicate is not None and stamp is not None:
            graph.main.setdefault(predicate, {})[stamp] = None


@lru_cache(maxsize=4096)
def _datestamp_literal(datestamp: str) -> LiteralTerm | None:
    # harvests stamp many records alike: check each distinct datestamp once
    stamp = datestamp.strip()
    if not stamp:
        return None
    if _DATESTAMP.fullmatch(stamp) and _valid_stamp(stamp):
        return (stamp, XSD + ("dateTime" if "T" in stamp else "date"), None)
    return (clean_text(stamp), None, None)


def _valid_stamp(stamp: str) -> bool:
    try:
        datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
