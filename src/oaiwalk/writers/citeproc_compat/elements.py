"""citeproc-py element classes with the fixes that make output match citeproc-js.

Every citeproc-py element class gets a subclass here (``REPLACEMENTS``), used through
the class lookup in ``style``: no citeproc-py class is patched. The fixes, each one
an upstream candidate and tested in ``tests/writers/test_citation_compat.py``:

* speed: a style's elements never change, so macros by name, locale terms and
  options, XPath queries from an element and whether it "calls a variable" are
  answered once (citeproc-py ran an XPath query over the whole style for each, for
  every entry);
* punctuation at seams: an affix or delimiter starting with "." after text ending in
  "?" or "!" (also behind a closing quote or formatting) loses the ".", as
  citeproc-js does ("Will it work?." -> "Will it work?");
* quotes: a style's ``quotes="true"`` emits quote marks resolved by nesting depth
  (inner quotes flip) and ``punctuation-in-quote`` (see ``markup``);
* substitution: variables rendered by a ``cs:substitute`` are suppressed in the rest
  of the entry even when the substitute is a macro (CSL 1.0.2, "Substitute");
* ``second-field-align``: the first field goes to a left margin (HTML
  ``csl-left-margin``/``csl-right-inline`` divs, text "[1] ..."), as citeproc-js;
* names: ``initialize="false"`` keeps given names whole; "person & organisation"
  takes no delimiter before "and";
* groups: suppressed by the variables actually called, not by what a ``cs:choose``
  might call;
* title case: citeproc-js' rules (``textcase``);
* ``disambiguate="true"`` conditions are false: entries are rendered alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from citeproc import model
from citeproc.model import CitationStylesElement
from citeproc.source import VariableError
from citeproc.string import MixedString, String, normalize_seam

from oaiwalk.writers.citeproc_compat.compiled import children, fast_base
from oaiwalk.writers.citeproc_compat.markup import (
    CLOSE,
    INLINE_CLOSE,
    INLINE_OPEN,
    MARGIN_CLOSE,
    MARGIN_OPEN,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    html_formatter,
)
from oaiwalk.writers.citeproc_compat.textcase import title_case

__all__ = ["REPLACEMENTS", "join_seamless", "seam"]

_TRAILING_MARKS = frozenset(CLOSE.values()) | {QUOTE_CLOSE}
_ENDS_SENTENCE = frozenset("?!")
_NS = "http://purl.org/net/xbiblio/csl"
_INITIALS = re.compile(r"[^\W\d_](?:[.-]+[^\W\d_])*\.?")


def _last_visible(text: str) -> str:
    """Return the last character of ``text`` that is not a formatting mark."""
    for char in reversed(text):
        if char not in _TRAILING_MARKS:
            return char
    return ""


def seam(left: Any, other: Any) -> Any:
    """Return ``other`` adjusted to follow ``left``: citeproc-py's rules plus "?." -> "?".

    A "." after "?", "!" or "." is dropped even behind a closing quote or formatting
    mark ("<i>et al.</i>." -> "<i>et al.</i>").
    """
    other = normalize_seam(left, other)
    text = str(other)
    if text.startswith(".") and _last_visible(str(left)) in _ENDS_SENTENCE | {"."}:
        rest = text[1:]
        if isinstance(other, MixedString):
            pieces = list(other)
            head = pieces[0]
            pieces[0] = type(head)(str(head)[1:])
            return MixedString([p for p in pieces if str(p)])
        return type(other)(rest) if isinstance(other, str) else rest
    return other


def join_seamless(items: Iterable[Any], delimiter: str = "") -> Any:
    """``citeproc.string.join`` using ``seam`` at every joint."""
    iterator = iter(items)
    try:
        output = next(iterator)
    except StopIteration:
        return String("")
    for item in iterator:
        output = output + seam(output, delimiter)
        output = output + seam(output, item)
    return output


class _Compat:
    """Behaviour shared by every element: memoised style lookups, seam-aware affixes."""

    _oaiwalk_memo: dict[Any, Any] | None = None  # class default: no __getattr__ fallback

    def _memo(self) -> dict[Any, Any]:
        own = self._oaiwalk_memo
        if own is not None:
            return own
        root = self.getroottree().getroot()  # type: ignore[attr-defined]
        memo = root._oaiwalk_memo
        if memo is None:
            memo = {}
            root._oaiwalk_memo = memo
        self._oaiwalk_memo = memo
        return memo  # type: ignore[no-any-return]

    def get_formatter(self) -> Any:
        return html_formatter  # the only formatter ``render`` uses: marks, resolved later

    def get_date(self, form: str) -> Any:
        if isinstance(self, model.Locale):
            return super().get_date(form)  # type: ignore[misc]
        memo = self._memo()
        key = ("date", form)
        if key not in memo:
            memo[key] = super().get_date(form)  # type: ignore[misc]
        return memo[key]

    def get_macro(self, name: str) -> Any:
        memo = self._memo()
        key = ("macro", name)
        if key not in memo:
            memo[key] = super().get_macro(name)  # type: ignore[misc]
        return memo[key]

    def xpath_search(self, expression: str) -> Any:
        cache: dict[str, Any] | None = vars(self).get("_oaiwalk_xpath")
        if cache is None:
            cache = {}
            self._oaiwalk_xpath = cache
        if expression not in cache:
            cache[expression] = super().xpath_search(expression)  # type: ignore[misc]
        return cache[expression]

    def get_locale_option(self, name: str) -> Any:
        memo = self._memo()
        key = ("locale-option", name)
        if key not in memo:
            memo[key] = super().get_locale_option(name)  # type: ignore[misc]
        return memo[key]

    def get_layout(self) -> Any:
        cached = vars(self).get("_oaiwalk_layout")
        if cached is None:
            cached = super().get_layout()  # type: ignore[misc]
            self._oaiwalk_layout = cached
        return cached

    def get_term(
        self,
        name: str,
        form: str | None = None,
        fallback_locale: bool = True,
        zero_padded: bool = False,
    ) -> Any:
        if isinstance(self, model.Locale):  # a style's own cs:locale: (name, form, zero_padded)
            return model.Locale.get_term(self, name, form, zero_padded=zero_padded)
        if isinstance(self.getroottree().getroot(), model.Locale):  # type: ignore[attr-defined]
            return super().get_term(name, form, fallback_locale, zero_padded)  # type: ignore[misc]
        memo = self._memo()
        key = ("term", name, form, fallback_locale, zero_padded)
        if key not in memo:
            memo[key] = super().get_term(name, form, fallback_locale, zero_padded)  # type: ignore[misc]
        return memo[key]

    def calls_variable(self) -> bool:
        cached = vars(self).get("_oaiwalk_calls_variable")
        if cached is None:
            cached = bool(super().calls_variable())  # type: ignore[misc]
            self._oaiwalk_calls_variable = cached
        return cached

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        # citeproc-py's Parent.render_children with ``seam`` at the joints
        output = []
        for child, is_choose in children(self):
            try:
                if is_choose:
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        return join_seamless(output, delimiter) if output else None

    def wrap(self, string: Any) -> Any:
        if string is None:
            return None
        prefix, suffix = self._affixes()  # type: ignore[attr-defined]
        if not prefix and not suffix:
            return string  # ``seam`` against "" on either side changes nothing
        text = prefix + seam(prefix, string)
        return text + seam(text, suffix)

    def join(self, strings: Iterable[Any], default_delimiter: str = "") -> Any:
        delimiter = self.get("delimiter", default_delimiter)  # type: ignore[attr-defined]
        return join_seamless((s for s in strings if s is not None), delimiter)


class _CaseFixes:
    """``text-case="title"`` as citeproc-js (``textcase``); other cases as citeproc-py."""

    def case(self, text: Any, language: str | None = None) -> Any:
        if self.get("text-case") == "title":  # type: ignore[attr-defined]
            if language is not None and language != "en":
                return text  # CSL: title case applies to English items only
            return title_case(text)
        return super().case(text, language)  # type: ignore[misc]


class _NameFixes:
    """cs:name: honour ``initialize="false"`` (CSL 1.0.1), ignored by citeproc-py.

    With it, given names stay whole and only existing initials get the
    ``initialize-with`` mark ("Frederik", "Luc L."), as citeproc-js renders them.
    """

    def initialize(self, given: str, mark: str, context: Any) -> str:
        if self._initialize_option() == "false":
            # only initials are normalised: "A.J." and "L-F" become "A. J." and "L. F."
            out = []
            for word in given.split():
                if _INITIALS.fullmatch(word):
                    letters = [c for c in word if c not in ".-"]
                    out.append(mark.join(letters) + mark.rstrip())
                else:
                    out.append(word)
            return " ".join(out)
        if any(not word[0].isalpha() for word in given.split()):
            return given  # citeproc-js leaves a given name like "{Evil" as it is
        return super().initialize(given, mark, context)  # type: ignore[misc,no-any-return]

    def process(
        self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kw: Any
    ) -> Any:
        # citeproc-js joins a person and an organisation with the "and" term alone
        # ("Burrard, S. G. & Survey of India"), whatever delimiter-precedes-last says.
        names = item.reference.get(variable.replace("-", "_"), [])
        if len(names) == 2 and "literal" in names[-1] and "literal" not in names[-2]:
            sort_options = {**(sort_options or {}), "delimiter-precedes-last": "never"}
        return super().process(item, variable, context, sort_options, **kw)  # type: ignore[misc]

    def _initialize_option(self) -> str:
        value = self.get("initialize")  # type: ignore[attr-defined]
        node = self.getparent()  # type: ignore[attr-defined]
        while value is None and node is not None:
            if node.tag.endswith(("}citation", "}bibliography", "}style")):
                value = node.get("initialize")
            node = node.getparent()
        return str(value or "true")


class _TextFixes(_CaseFixes):
    """cs:text: quotes as nesting-aware marks; record what a substitute rendered."""

    def quote(self, string: Any) -> Any:
        # citeproc-js flips quotes inside quotes to the inner pair; marks let the
        # serialiser do that (and punctuation-in-quote) once the entry is complete.
        if self.get("quotes", "false").lower() == "true":  # type: ignore[attr-defined]
            return QUOTE_OPEN + string + QUOTE_CLOSE
        return string

    def _variable(self, item: Any, context: Any) -> Any:
        if self.get("variable") in self.generated_variables:  # type: ignore[attr-defined]
            return super()._variable(item, context)  # type: ignore[misc]  # year-suffix
        try:
            text = super()._variable(item, context)  # type: ignore[misc]
        except VariableError:
            _record_variable(self, False)
            raise
        _record_variable(self, text is not None and str(text) != "")
        if text is not None:
            owner: Any = context if context is not None else self
            layout = owner.get_layout()
            recording = vars(layout).get("_oaiwalk_rendered")
            if recording is not None:
                recording.append(self.get("variable"))  # type: ignore[attr-defined]
        return text


class _SubstituteFixes:
    """cs:substitute: suppress every variable the substitute rendered, as CSL 1.0 says.

    citeproc-py only suppressed a substitute child's own ``variable`` attribute, so a
    ``<text macro="title"/>`` substitute (APA, Harvard) printed the title twice.
    """

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        owner: Any = context if context is not None else self
        layout = owner.get_layout()
        layout._oaiwalk_rendered = []
        try:
            return super().render(item, context=context, **kwargs)  # type: ignore[misc]
        finally:
            layout._oaiwalk_rendered = None

    def add_to_repressed_list(self, child: Any, context: Any) -> None:
        super().add_to_repressed_list(child, context)  # type: ignore[misc]
        layout = context.get_layout()
        rendered = vars(layout).get("_oaiwalk_rendered") or []
        text_tag = f"{{{_NS}}}text"
        layout.repressed.setdefault(text_tag, []).extend(v for v in rendered if v)


class _LayoutFixes:
    """cs:layout: ``second-field-align`` puts the first field in a margin, as citeproc-js."""

    def render_bibliography(self, citation_items: Any) -> list[Any]:
        if not self.getparent().get("second-field-align"):  # type: ignore[attr-defined]
            return super().render_bibliography(citation_items)  # type: ignore[misc,no-any-return]
        output = []
        for item in citation_items:
            self.repressed: dict[str, list[str]] = {}
            children = list(self.iterchildren())  # type: ignore[attr-defined]
            margin = _render_child(children[0], item) if children else None
            rest = [t for t in (_render_child(c, item) for c in children[1:]) if t is not None]
            body = self.format(self.wrap(self.join(rest))) if rest else ""  # type: ignore[attr-defined]
            if margin is None:
                output.append(body)
                continue
            output.append(MARGIN_OPEN + margin + MARGIN_CLOSE + INLINE_OPEN + body + INLINE_CLOSE)
        return output


class _ConditionFixes:
    """cs:if/cs:else-if: ``disambiguate="true"`` is false, as for any entry cited alone.

    citeproc-py ignored the test, so a branch holding only it always ran (MLA's
    in-text citation added the title: "(Doe, “Sample Title”)" for "(Doe)").
    ``compiled`` asks ``never_true`` once per element.
    """

    def never_true(self) -> bool:
        if self.get("disambiguate", "false").lower() != "true":  # type: ignore[attr-defined]
            return False
        match = self.get("match", "all")  # type: ignore[attr-defined]
        tests = set(self.attrib) - {"disambiguate", "match"}  # type: ignore[attr-defined]
        return match == "all" or (match == "any" and not tests)


def _record_variable(element: Any, rendered: bool) -> None:
    """Tell the innermost enclosing group that a variable was called (and rendered)."""
    stack = element._memo().get("groups")
    if stack:
        stack[-1][0] = True
        stack[-1][1] = stack[-1][1] or rendered


class _VariableFixes:
    """cs:names, cs:date, cs:number report to their group whether their variable rendered."""

    def process(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = super().process(item, *args, **kwargs)  # type: ignore[misc]
        except VariableError:
            _record_variable(self, False)
            raise
        _record_variable(self, result is not None and str(result) != "")
        return result


class _GroupFixes:
    """cs:group: suppressed when it called variables and none rendered (CSL 1.0.2 "Group").

    citeproc-py asked each child whether it *could* call a variable, so a ``cs:choose``
    whose taken branch only printed a term (APA's "Publication" for theses) kept a
    group that citeproc-js suppresses. Here the variables actually called decide.
    """

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        memo = self._memo()  # type: ignore[attr-defined]
        stack = memo.setdefault("groups", [])
        frame = [False, False]  # [a variable was called, a variable rendered]
        stack.append(frame)
        output = []
        delimiter = self.get("delimiter", "")  # type: ignore[attr-defined]
        try:
            for child, is_choose in children(self):
                try:
                    if is_choose:
                        text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                    else:
                        text = child.render(item, context=context, **kwargs)
                except VariableError:
                    continue
                if text is not None:
                    output.append(text)
        finally:
            stack.pop()
        rendered = bool(output) and (not frame[0] or frame[1])
        if stack:
            # As citeproc-js: for its parent, a nested group that rendered counts as a
            # rendered variable (IEEE keeps "[Online]." beside an empty "Accessed"
            # group) and one suppressed for empty variables as an empty variable (APA
            # drops "(Original work published)" when the date group is empty).
            if rendered:
                stack[-1][0] = stack[-1][1] = True
            elif frame[0]:
                stack[-1][0] = True
        if rendered:
            return self.join(output)  # type: ignore[attr-defined]
        raise VariableError


def _render_child(child: Any, item: Any) -> Any:
    try:
        if isinstance(child, model.Choose):
            return child.render(item, delimiter="")
        return child.render(item)
    except VariableError:
        return None


_FIXES: dict[str, type] = {
    "text": _TextFixes,
    "substitute": _SubstituteFixes,
    "layout": _LayoutFixes,
    "name": _NameFixes,
    "name-part": _CaseFixes,
    "date-part": _CaseFixes,
    "label": _CaseFixes,
    "group": _GroupFixes,
    "if": _ConditionFixes,
    "else-if": _ConditionFixes,
    "names": _VariableFixes,
    "date": _VariableFixes,
    "number": _VariableFixes,
}


def _replacement(cls: type[CitationStylesElement]) -> type[CitationStylesElement]:
    tag = cls.__name__.replace("_", "-").lower()
    fast = fast_base(tag, cls)
    bases = (_FIXES[tag], _Compat, fast, cls) if tag in _FIXES else (_Compat, fast, cls)
    return type(cls.__name__, bases, {"__module__": __name__})


REPLACEMENTS: dict[str, type[CitationStylesElement]] = {
    cls.__name__.replace("_", "-").lower(): _replacement(cls)
    for cls in CitationStylesElement.__subclasses__()
}
