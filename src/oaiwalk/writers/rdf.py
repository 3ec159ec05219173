"""RDF writers: Turtle, N-Triples, JSON-LD and RDF/XML of one graph per record.

``rdf_profiles`` builds each record's nodes from a profile table (``profile`` option:
dcterms, schema, fabio); this module only lays them out, streaming: a header once,
then one block per record, so memory stays flat. Terms are serialised here rather
than by rdflib (whose serializers need the whole graph and dominate run time); the
escaping is a few pure functions below, and rdflib parses every output in the tests.
Values that cannot be IRIs (spaces, ``<>"{}|^`\\``) are written as literals.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from oaiwalk.model import Record
from oaiwalk.registry import Writer
from oaiwalk.writers.rdf_profiles import (
    DEFAULT_BASE_URI,
    RDF_TYPE,
    Profile,
    build_nodes,
    check_base_uri,
    load_profile,
)
from oaiwalk.writers.rdf_terms import Blank, Lit, Node, Object

__all__ = [
    "JSONLD",
    "NTRIPLES",
    "RDFXML",
    "TURTLE",
    "escape_string",
    "escape_xml",
    "write_jsonld",
    "write_ntriples",
    "write_rdfxml",
    "write_turtle",
]


def escape_string(text: str) -> str:
    """Escape text for a Turtle/N-Triples "..." string (ECHAR for \\ " LF CR)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def escape_xml(text: str) -> str:
    """Escape text for XML content or a double-quoted attribute.

    CR becomes ``&#13;`` because XML parsers turn a literal CR into LF (XML 1.0 2.11).
    Attributes only ever hold IRIs, which have no whitespace to normalise.
    """
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
    )


def _records_nodes(
    records: Iterable[Record], profile: str, base_uri: str
) -> tuple[Profile, Iterator[list[Node]]]:
    loaded = load_profile(profile)
    base = check_base_uri(base_uri)
    return loaded, (build_nodes(record, loaded, base) for record in records)


class _Names:
    """Compact IRIs against a profile's prefixes; one instance per ``write`` call."""

    _LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")

    def __init__(self, profile: Profile) -> None:
        # longest namespace first, so nested namespaces compact to the closer prefix
        self.prefixes = sorted(profile.prefixes, key=lambda p: -len(p[1]))
        self.cache: dict[str, tuple[str, str] | None] = {}

    def split(self, iri: str) -> tuple[str, str] | None:
        """Return (prefix, local) when ``iri`` compacts to a safe CURIE, else None.

        Vocabulary IRIs (predicates, classes, datatypes) are cached; data IRIs are not,
        so the cache stays as small as the profile however many records pass.
        """
        try:
            return self.cache[iri]
        except KeyError:
            pass
        found = self._split(iri)
        if found is not None:
            self.cache[iri] = found
        return found

    def _split(self, iri: str) -> tuple[str, str] | None:
        for prefix, namespace in self.prefixes:
            if iri.startswith(namespace) and self._LOCAL.fullmatch(iri[len(namespace) :]):
                return prefix, iri[len(namespace) :]
        return None

    def curie(self, term: object) -> str | None:
        """Return ``prefix:local`` for an IRI that compacts safely, else None."""
        split = self.split(term) if isinstance(term, str) else None
        return f"{split[0]}:{split[1]}" if split else None


# --------------------------------------------------------------------------- N-Triples


def _nt_term(term: Object) -> str:
    if isinstance(term, Lit):
        text = '"' + escape_string(term.text) + '"'
        if term.datatype:
            return f"{text}^^<{term.datatype}>"
        return f"{text}@{term.lang}" if term.lang else text
    if isinstance(term, Blank):
        return "_:" + term
    return "<" + term + ">"


def _render_ntriples(nodes: list[Node]) -> str:
    lines: list[str] = []
    for node in nodes:
        subject = _nt_term(node.subject)
        for predicate, objects in node.properties.items():
            head = f"{subject} <{predicate}> "
            lines.extend(head + _nt_term(obj) + " .\n" for obj in objects)
    return "".join(lines)


def write_ntriples(
    records: Iterable[Record],
    out: TextIO,
    *,
    profile: str = "dcterms",
    base_uri: str = DEFAULT_BASE_URI,
) -> None:
    """Write each record's triples as N-Triples lines, record by record."""
    _, nodes_per_record = _records_nodes(records, profile, base_uri)
    for nodes in nodes_per_record:
        out.write(_render_ntriples(nodes))


# --------------------------------------------------------------------------- Turtle


def _turtle_term(term: Object, names: _Names) -> str:
    if isinstance(term, Lit):
        text = '"' + escape_string(term.text) + '"'
        if term.datatype:
            return f"{text}^^{names.curie(term.datatype) or '<' + term.datatype + '>'}"
        return f"{text}@{term.lang}" if term.lang else text
    if isinstance(term, Blank):
        return "_:" + term
    return names.curie(term) or "<" + term + ">"


def _render_turtle(nodes: list[Node], names: _Names) -> str:
    blocks = []
    for node in nodes:
        statements = []
        for predicate, objects in node.properties.items():
            if predicate == RDF_TYPE:
                verb = "a"
                terms = [names.curie(o) or _turtle_term(o, names) for o in objects]
            else:
                verb = names.curie(predicate) or f"<{predicate}>"
                terms = [_turtle_term(o, names) for o in objects]
            statements.append(verb + " " + ",\n        ".join(terms))
        blocks.append(f"{_turtle_term(node.subject, names)}\n    " + " ;\n    ".join(statements))
    return "\n".join(block + " .\n" for block in blocks) + "\n"


def write_turtle(
    records: Iterable[Record],
    out: TextIO,
    *,
    profile: str = "dcterms",
    base_uri: str = DEFAULT_BASE_URI,
) -> None:
    """Write the prefixes once, then one block of statements per record."""
    loaded, nodes_per_record = _records_nodes(records, profile, base_uri)
    names = _Names(loaded)
    out.write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in loaded.prefixes) + "\n")
    for nodes in nodes_per_record:
        out.write(_render_turtle(nodes, names))


# --------------------------------------------------------------------------- JSON-LD


def _jsonld_value(term: Object, names: _Names) -> Any:
    if isinstance(term, Lit):
        if term.datatype:
            return {"@value": term.text, "@type": names.curie(term.datatype) or term.datatype}
        if term.lang:
            return {"@value": term.text, "@language": term.lang}
        return term.text
    if isinstance(term, Blank):
        return {"@id": "_:" + term}
    return {"@id": term}


def _jsonld_nodes(nodes: list[Node], names: _Names) -> list[dict[str, Any]]:
    objects = []
    for node in nodes:
        subject = "_:" + node.subject if isinstance(node.subject, Blank) else str(node.subject)
        obj: dict[str, Any] = {"@id": subject}
        for predicate, values in node.properties.items():
            if predicate == RDF_TYPE:
                # class IRIs compact against the context; data IRIs are never CURIEs
                types = [names.curie(v) or str(v) for v in values]
                obj["@type"] = types[0] if len(types) == 1 else types
                continue
            key = names.curie(predicate) or predicate
            rendered = [_jsonld_value(v, names) for v in values]
            obj[key] = rendered[0] if len(rendered) == 1 else rendered
        objects.append(obj)
    return objects


def write_jsonld(
    records: Iterable[Record],
    out: TextIO,
    *,
    profile: str = "dcterms",
    base_uri: str = DEFAULT_BASE_URI,
) -> None:
    """Write one JSON-LD document: a shared ``@context`` and a streamed ``@graph`` array.

    Each node object is one line; values keep the record's order (authors too).
    """
    loaded, nodes_per_record = _records_nodes(records, profile, base_uri)
    names = _Names(loaded)
    context = json.dumps(dict(loaded.prefixes), ensure_ascii=False, indent=4)
    out.write('{\n  "@context": ' + context.replace("\n", "\n  ") + ',\n  "@graph": [')
    separator = "\n    "
    for nodes in nodes_per_record:
        for obj in _jsonld_nodes(nodes, names):
            out.write(separator + json.dumps(obj, ensure_ascii=False))
            separator = ",\n    "
    out.write("\n  ]\n}\n")


# --------------------------------------------------------------------------- RDF/XML


def _xml_element(predicate: str, names: _Names) -> tuple[str, str]:
    """Return the element name of a predicate and any namespace declaration it needs."""
    split = names.split(predicate)
    if split is not None:
        return f"{split[0]}:{split[1]}", ""
    match = re.search(r"[A-Za-z_][A-Za-z0-9_.\-]*$", predicate)
    if match is None or match.start() == 0:  # no way to write it as a QName
        return "", ""
    namespace = predicate[: match.start()]
    return f"ns0:{match[0]}", f' xmlns:ns0="{escape_xml(namespace)}"'


def _render_rdfxml(nodes: list[Node], names: _Names) -> str:
    parts = []
    for node in nodes:
        if isinstance(node.subject, Blank):
            parts.append(f'  <rdf:Description rdf:nodeID="{node.subject}">\n')
        else:
            parts.append(f'  <rdf:Description rdf:about="{escape_xml(node.subject)}">\n')
        for predicate, obj in ((p, o) for p, objects in node.properties.items() for o in objects):
            element, declaration = _xml_element(predicate, names)
            if not element:
                continue
            head = f"    <{element}{declaration}"
            if isinstance(obj, Lit):
                if obj.datatype:
                    head += f' rdf:datatype="{escape_xml(obj.datatype)}"'
                elif obj.lang:
                    head += f' xml:lang="{obj.lang}"'
                parts.append(f"{head}>{escape_xml(obj.text)}</{element}>\n")
            elif isinstance(obj, Blank):
                parts.append(f'{head} rdf:nodeID="{obj}"/>\n')
            else:
                parts.append(f'{head} rdf:resource="{escape_xml(obj)}"/>\n')
        parts.append("  </rdf:Description>\n")
    return "".join(parts)


def write_rdfxml(
    records: Iterable[Record],
    out: TextIO,
    *,
    profile: str = "dcterms",
    base_uri: str = DEFAULT_BASE_URI,
) -> None:
    """Write one ``rdf:RDF`` root holding one ``rdf:Description`` group per record."""
    loaded, nodes_per_record = _records_nodes(records, profile, base_uri)
    names = _Names(loaded)
    namespaces = "".join(f'\n    xmlns:{p}="{escape_xml(ns)}"' for p, ns in loaded.prefixes)
    out.write(f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{namespaces}>\n')
    for nodes in nodes_per_record:
        out.write(_render_rdfxml(nodes, names))
    out.write("</rdf:RDF>\n")


# --------------------------------------------------------------------------- writers


def _carried_fields() -> frozenset[str]:
    # Writer.fields is static: the loss report describes the default (dcterms) profile.
    return load_profile("dcterms").carried_fields()


_OPTIONS = ("profile", "base_uri")
_FIELDS = _carried_fields()


def _writer(
    name: str,
    write: Callable[..., None],
    media_type: str,
    extension: str,
    aliases: tuple[str, ...],
    description: str,
) -> Writer:
    return Writer(
        name=name,
        write=write,
        aliases=aliases,
        media_type=media_type,
        extension=extension,
        fields=_FIELDS,
        options=_OPTIONS,
        description=description,
    )


TURTLE = _writer(
    "turtle",
    write_turtle,
    "text/turtle",
    ".ttl",
    ("ttl",),
    "RDF Turtle (profiles: dcterms, schema, fabio)",
)
NTRIPLES = _writer(
    "ntriples",
    write_ntriples,
    "application/n-triples",
    ".nt",
    ("nt", "n-triples"),
    "RDF N-Triples, one triple per line",
)
JSONLD = _writer(
    "jsonld",
    write_jsonld,
    "application/ld+json",
    ".jsonld",
    ("json-ld",),
    "RDF as JSON-LD with one @context and an @graph array",
)
RDFXML = _writer(
    "rdfxml",
    write_rdfxml,
    "application/rdf+xml",
    ".rdf",
    ("rdf-xml", "rdf/xml", "xml-rdf"),
    "RDF/XML, one rdf:Description group per record",
)
