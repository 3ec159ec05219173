"""BCP 47 language tags as the babel/polyglossia names biblatex's ``langid`` expects."""

from __future__ import annotations

__all__ = ["babel_name"]

# Tag (lower case) -> babel name, from the biblatex manual (section 2.2.2, langid) and
# babel's language list; the longest matching prefix of a tag wins.
_BABEL = {
    "af": "afrikaans",
    "ar": "arabic",
    "bg": "bulgarian",
    "br": "breton",
    "ca": "catalan",
    "cs": "czech",
    "cy": "welsh",
    "da": "danish",
    "de": "ngerman",
    "de-at": "naustrian",
    "de-ch": "nswissgerman",
    "el": "greek",
    "en": "english",
    "en-au": "australian",
    "en-ca": "canadian",
    "en-gb": "british",
    "en-nz": "newzealand",
    "en-us": "american",
    "eo": "esperanto",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "farsi",
    "fi": "finnish",
    "fr": "french",
    "fr-ca": "canadien",
    "ga": "irish",
    "gd": "scottish",
    "gl": "galician",
    "he": "hebrew",
    "hi": "hindi",
    "hr": "croatian",
    "hu": "magyar",
    "hy": "armenian",
    "id": "bahasai",
    "is": "icelandic",
    "it": "italian",
    "la": "latin",
    "lt": "lithuanian",
    "lv": "latvian",
    "ms": "bahasam",
    "nb": "norsk",
    "nl": "dutch",
    "nn": "nynorsk",
    "no": "norsk",
    "oc": "occitan",
    "pl": "polish",
    "pt": "portuguese",
    "pt-br": "brazilian",
    "ro": "romanian",
    "ru": "russian",
    "se": "samin",
    "sk": "slovak",
    "sl": "slovenian",
    "sq": "albanian",
    "sr": "serbian",
    "sv": "swedish",
    "th": "thai",
    "tr": "turkish",
    "uk": "ukrainian",
    "vi": "vietnamese",
}


def babel_name(tag: str | None) -> str | None:
    """Return the babel name for a BCP 47 tag ("en-GB" -> "british"), or None if unknown."""
    if not tag:
        return None
    parts = tag.replace("_", "-").lower().split("-")
    for end in range(len(parts), 0, -1):
        name = _BABEL.get("-".join(parts[:end]))
        if name is not None:
            return name
    return None
