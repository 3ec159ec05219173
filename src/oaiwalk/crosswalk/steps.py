"""The default order of crosswalk steps (one module per concern)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oaiwalk.crosswalk import Step


def default_steps() -> list[Step]:
    """Return the standard steps in order: identifiers and types first, text last."""
    from oaiwalk.crosswalk import (
        container,
        dates,
        identifiers,
        languages,
        names,
        publishers,
        rights,
        text,
        types,
    )

    return [
        identifiers.apply,
        types.apply,
        text.apply,  # title, abstract, subjects, keywords, formats, coverage
        names.apply,
        dates.apply,
        languages.apply,
        publishers.apply,  # after languages: picks the record-language value
        container.apply,  # may use identifiers (DOI inside citations) and dates
        rights.apply,
    ]
