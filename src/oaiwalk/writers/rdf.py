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
from json.encoder import encode_basestring
from typing import TextIO

from oaiwalk.model import Record
from oaiwalk.registry import Frame, FrameFunction, Writer
from oaiwalk.writers.rdf_profiles import (
    DEFAULT_BASE_URI,
    RDF_TYPE,
    Profile,
    build_nodes,
    check_base_uri,
    load_profile,
)
from oaiwalk.writers.rdf_terms import Blank, Node, Object

__all__ = [
    "JSONLD",
    "NTRIPLES",
    "RDFXML",
    "TURTLE",
    "escape_string",
    "escape_xml",
    "frame_jsonld",
    "frame_rdfxml",
    "frame_turtle",
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


def _quoted(text: str) -> str:
    """Return ``text`` as a Turtle/N-Triples "..." string."""
    # most texts need no escape: four substring tests are cheaper than four replaces
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = escape_string(text)
    return '"' + text + '"'


def _xml_text(text: str) -> str:
    """Return ``escape_xml(text)``, skipping the replaces when nothing needs escaping."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "\r" in text:
        return escape_xml(text)
    return text


def _records_nodes(
    records: Iterable[Record], profile: str, base_uri: str
) -> tuple[Profile, Iterator[list[Node]]]:
    loaded = load_profile(profile)
    base = check_base_uri(base_uri)
    return loaded, (build_nodes(record, loaded, base) for record in records)


# the string encoder of json.dumps(..., ensure_ascii=False) (its C version when built)
_json_string: Callable[[str], str] = encode_basestring


# Graph terms are told apart by exact class (see rdf_terms): literals are plain tuples,
# blank nodes ``Blank``, IRIs any other str.


class _Names:
    """Compact IRIs against a profile's prefixes; one instance per ``write`` call."""

    _LOCAL = "[A-Za-z_][A-Za-z0-9_\\-]*"
    _CACHE_SIZE = 4096  # vocabulary IRIs are few; data IRIs that compact are not cached past it

    def __init__(self, profile: Profile) -> None:
        # longest namespace first, so nested namespaces compact to the closer prefix
        self.prefixes = sorted(profile.prefixes, key=lambda p: -len(p[1]))
        # one alternation tried in that order, each namespace then a safe local name:
        # group 2k+1 is the namespace of prefix k, group 2k+2 its local name
        self._pattern = re.compile(
            "|".join(f"({re.escape(ns)})({self._LOCAL})" for _, ns in self.prefixes)
        )
        self.namespaces = tuple(ns for _, ns in self.prefixes)
        self.cache: dict[str, tuple[str, str]] = {}
        self.curies: dict[str, str] = {}
        self.json_keys: dict[str, str] = {RDF_TYPE: '"@type": '}  # predicate -> JSON-LD key

    def split(self, iri: str) -> tuple[str, str] | None:
        """Return (prefix, local) when ``iri`` compacts to a safe CURIE, else None.

        Vocabulary IRIs (predicates, classes, datatypes) are cached; data IRIs are not,
        so the cache stays as small as the profile however many records pass.
        """
        found = self.cache.get(iri)
        if found is not None:
            return found
        if not iri.startswith(self.namespaces):
            return None  # data IRIs (most): one C prefix test instead of the pattern
        match = self._pattern.fullmatch(iri)
        if match is None:
            return None
        index = match.lastindex or 0
        found = (self.prefixes[index // 2 - 1][0], match[index])
        if len(self.cache) < self._CACHE_SIZE:
            self.cache[iri] = found
        return found

    def curie(self, term: object) -> str | None:
        """Return ``prefix:local`` for an IRI that compacts safely, else None."""
        if not isinstance(term, str):
            return None
        found = self.curies.get(term)
        if found is not None:
            return found
        split = self.split(term)
        if split is None:
            return None
        found = split[0] + ":" + split[1]
        if len(self.curies) < self._CACHE_SIZE:
            self.curies[term] = found
        return found

    def json_key(self, predicate: str) -> str:
        """Return the JSON-LD member key of a predicate (CURIE or IRI), with ``": "``."""
        key = _json_string(self.curie(predicate) or predicate) + ": "
        if len(self.json_keys) < self._CACHE_SIZE:
            self.json_keys[predicate] = key
        return key


# --------------------------------------------------------------------------- N-Triples


def _nt_term(term: Object) -> str:
    if type(term) is tuple:
        text, datatype, lang = term
        if datatype:
            return _quoted(text) + "^^<" + datatype + ">"
        return _quoted(text) + "@" + lang if lang else _quoted(text)
    if type(term) is Blank:
        return "_:" + term
    return "<" + term + ">"  # type: ignore[operator]


def _render_ntriples(nodes: list[Node]) -> str:
    lines: list[str] = []
    append = lines.append
    for subject, properties in nodes:
        head = f"_:{subject} <" if type(subject) is Blank else f"<{subject}> <"
        for predicate, objects in properties.items():
            verb = f"{head}{predicate}> "
            for obj in objects:
                if type(obj) is tuple:  # a literal, inlined: most objects are literals
                    text, datatype, lang = obj
                    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
                        text = escape_string(text)
                    if datatype:
                        append(f'{verb}"{text}"^^<{datatype}> .\n')
                    elif lang:
                        append(f'{verb}"{text}"@{lang} .\n')
                    else:
                        append(f'{verb}"{text}" .\n')
                elif type(obj) is Blank:
                    append(f"{verb}_:{obj} .\n")
                else:
                    append(f"{verb}<{obj}> .\n")
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
    write = out.write
    for nodes in nodes_per_record:
        write(_render_ntriples(nodes))


# --------------------------------------------------------------------------- Turtle


def _render_turtle(nodes: list[Node], names: _Names) -> str:
    curies = names.curies  # vocabulary IRIs seen so far: one dict lookup, no method call
    namespaces = names.namespaces  # an IRI outside them all never compacts: no call
    blocks = []
    for subject, properties in nodes:
        statements = []
        for predicate, objects in properties.items():
            if predicate == RDF_TYPE:
                verb = "a"
            else:
                verb = curies.get(predicate) or names.curie(predicate) or f"<{predicate}>"
            terms = []
            for obj in objects:  # literal, blank node or IRI, inlined
                if type(obj) is tuple:
                    text, datatype, lang = obj
                    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
                        text = escape_string(text)
                    if datatype:
                        kind = curies.get(datatype) or names.curie(datatype) or f"<{datatype}>"
                        terms.append(f'"{text}"^^{kind}')
                    elif lang:
                        terms.append(f'"{text}"@{lang}')
                    else:
                        terms.append(f'"{text}"')
                elif type(obj) is Blank:
                    terms.append(f"_:{obj}")
                else:
                    iri: str = obj  # type: ignore[assignment]
                    found = curies.get(iri)
                    if found is None:
                        found = (iri.startswith(namespaces) and names.curie(iri)) or f"<{iri}>"
                    terms.append(found)
            statements.append(verb + " " + ",\n        ".join(terms))
        if type(subject) is Blank:
            head = "_:" + subject
        else:
            head = curies.get(subject) or (
                (subject.startswith(namespaces) and names.curie(subject)) or f"<{subject}>"
            )
        blocks.append(head + "\n    " + " ;\n    ".join(statements) + " .\n")
    return "\n".join(blocks) + "\n"


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
    out.write(_turtle_head(loaded))
    for nodes in nodes_per_record:
        out.write(_render_turtle(nodes, names))


def _turtle_head(loaded: Profile) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in loaded.prefixes) + "\n"


def frame_turtle(*, profile: str = "dcterms", base_uri: str = DEFAULT_BASE_URI) -> Frame:
    """Return Turtle's frame: the prefixes, then record blocks that stand alone."""
    check_base_uri(base_uri)
    return Frame(head=_turtle_head(load_profile(profile)))


# --------------------------------------------------------------------------- JSON-LD


def _jsonld_node(subject: str, properties: dict[str, dict[Object, None]], names: _Names) -> str:
    """Return one node object as ``json.dumps(obj, ensure_ascii=False)`` would write it.

    The text is built directly (keys and strings through json's own string encoder)
    rather than as dicts then encoded: values are only strings, objects and arrays.
    """
    curies = names.curies  # vocabulary IRIs seen so far: one dict lookup, no method call
    keys = names.json_keys
    members = ['{"@id": ' + _json_string("_:" + subject if type(subject) is Blank else subject)]
    for predicate, values in properties.items():
        key = keys.get(predicate)
        if key is None:
            key = names.json_key(predicate)
        if predicate == RDF_TYPE:
            # class IRIs compact against the context; data IRIs are never CURIEs
            rendered = [_json_string(names.curie(v) or str(v)) for v in values]
        else:
            rendered = []
            append = rendered.append
            for term in values:  # literal, blank node or IRI: most objects are literals
                if type(term) is tuple:
                    text, datatype, lang = term
                    if datatype:
                        kind = _json_string(
                            curies.get(datatype) or names.curie(datatype) or datatype
                        )
                        append('{"@value": ' + _json_string(text) + ', "@type": ' + kind + "}")
                    elif lang:
                        append(
                            '{"@value": '
                            + _json_string(text)
                            + ', "@language": '
                            + _json_string(lang)
                            + "}"
                        )
                    else:
                        append(_json_string(text))
                elif type(term) is Blank:
                    append('{"@id": ' + _json_string("_:" + term) + "}")
                else:
                    append('{"@id": ' + _json_string(term) + "}")  # type: ignore[arg-type]
        members.append(
            key + (rendered[0] if len(rendered) == 1 else "[" + ", ".join(rendered) + "]")
        )
    return ", ".join(members) + "}"


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
    out.write(_jsonld_head(loaded))
    separator = "\n    "
    for nodes in nodes_per_record:
        objects = [_jsonld_node(subject, properties, names) for subject, properties in nodes]
        out.write(separator + ",\n    ".join(objects))
        separator = ",\n    "
    out.write(_JSONLD_TAIL)


_JSONLD_TAIL = "\n  ]\n}\n"


def _jsonld_head(loaded: Profile) -> str:
    context = json.dumps(dict(loaded.prefixes), ensure_ascii=False, indent=4)
    return '{\n  "@context": ' + context.replace("\n", "\n  ") + ',\n  "@graph": ['


def frame_jsonld(*, profile: str = "dcterms", base_uri: str = DEFAULT_BASE_URI) -> Frame:
    """Return JSON-LD's frame: ``@context`` and ``@graph`` around node objects, one a line."""
    check_base_uri(base_uri)
    head = _jsonld_head(load_profile(profile))
    return Frame(
        head=head + "\n    ",
        separator=",\n    ",
        tail=_JSONLD_TAIL,
        empty=head + _JSONLD_TAIL,
    )


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


def _render_rdfxml(nodes: list[Node], names: _Names, elements: dict[str, tuple[str, str]]) -> str:
    parts: list[str] = []
    append = parts.append
    for subject, properties in nodes:
        if type(subject) is Blank:
            append(f'  <rdf:Description rdf:nodeID="{subject}">\n')
        else:
            append(f'  <rdf:Description rdf:about="{_xml_text(subject)}">\n')
        for predicate, objects in properties.items():
            found = elements.get(predicate)
            if found is None:  # predicates come from the profile: a few per run
                found = elements[predicate] = _xml_element(predicate, names)
            element, declaration = found
            if not element:
                continue
            head = "    <" + element + declaration
            for obj in objects:
                if type(obj) is tuple:
                    text, datatype, lang = obj
                    # _xml_text, inlined: most texts hold nothing to escape
                    if "&" in text or "<" in text or ">" in text or '"' in text or "\r" in text:
                        text = escape_xml(text)
                    if datatype:
                        append(f'{head} rdf:datatype="{_xml_text(datatype)}">{text}</{element}>\n')
                    elif lang:
                        append(f'{head} xml:lang="{lang}">{text}</{element}>\n')
                    else:
                        append(f"{head}>{text}</{element}>\n")
                elif type(obj) is Blank:
                    append(f'{head} rdf:nodeID="{obj}"/>\n')
                else:
                    append(f'{head} rdf:resource="{_xml_text(obj)}"/>\n')  # type: ignore[arg-type]
        append("  </rdf:Description>\n")
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
    elements: dict[str, tuple[str, str]] = {}
    out.write(_rdfxml_head(loaded))
    for nodes in nodes_per_record:
        out.write(_render_rdfxml(nodes, names, elements))
    out.write(_RDFXML_TAIL)


_RDFXML_TAIL = "</rdf:RDF>\n"


def _rdfxml_head(loaded: Profile) -> str:
    namespaces = "".join(f'\n    xmlns:{p}="{escape_xml(ns)}"' for p, ns in loaded.prefixes)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{namespaces}>\n'


def frame_rdfxml(*, profile: str = "dcterms", base_uri: str = DEFAULT_BASE_URI) -> Frame:
    """Return RDF/XML's frame: the ``rdf:RDF`` root around ``rdf:Description`` groups."""
    check_base_uri(base_uri)
    return Frame(head=_rdfxml_head(load_profile(profile)), tail=_RDFXML_TAIL)


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
    *,
    concatenable: bool = False,
    frame: FrameFunction | None = None,
) -> Writer:
    return Writer(
        name=name,
        write=write,
        aliases=aliases,
        media_type=media_type,
        extension=extension,
        fields=_FIELDS,
        options=_OPTIONS,
        concatenable=concatenable,
        frame=frame,  # --jobs workers render record blocks, the calling process the frame
        description=description,
    )


TURTLE = _writer(
    "turtle",
    write_turtle,
    "text/turtle",
    ".ttl",
    ("ttl",),
    "RDF Turtle (profiles: dcterms, schema, fabio)",
    frame=frame_turtle,
)
NTRIPLES = _writer(
    "ntriples",
    write_ntriples,
    "application/n-triples",
    ".nt",
    ("nt", "n-triples"),
    "RDF N-Triples, one triple per line",
    concatenable=True,  # no header; blank nodes are labelled from the record IRI
)
JSONLD = _writer(
    "jsonld",
    write_jsonld,
    "application/ld+json",
    ".jsonld",
    ("json-ld",),
    "RDF as JSON-LD with one @context and an @graph array",
    frame=frame_jsonld,
)
RDFXML = _writer(
    "rdfxml",
    write_rdfxml,
    "application/rdf+xml",
    ".rdf",
    ("rdf-xml", "rdf/xml", "xml-rdf"),
    "RDF/XML, one rdf:Description group per record",
    frame=frame_rdfxml,
)
