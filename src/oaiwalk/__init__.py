"""oaiwalk: crosswalk OAI-PMH Dublin Core records to BibTeX, CSL-JSON, RIS, RDF and citations."""

from oaiwalk.api import convert, find_writer, read
from oaiwalk.errors import (
    FormatError,
    HarvestError,
    InputError,
    OaiPmhError,
    OaiwalkError,
    RecordError,
    TableError,
)
from oaiwalk.model import Name, PartialDate, Record
from oaiwalk.pipeline import RunReport
from oaiwalk.registry import Registry, Writer

__version__ = "0.1.0"

__all__ = [
    "FormatError",
    "HarvestError",
    "InputError",
    "Name",
    "OaiPmhError",
    "OaiwalkError",
    "PartialDate",
    "Record",
    "RecordError",
    "Registry",
    "RunReport",
    "TableError",
    "Writer",
    "__version__",
    "convert",
    "find_writer",
    "read",
]
