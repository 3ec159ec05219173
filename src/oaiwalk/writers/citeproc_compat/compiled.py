"""Fast paths for citeproc-py elements: attributes read once, children listed once.

A style's elements never change while entries are rendered, yet citeproc-py re-read
their attributes through lxml (formatting, affixes, condition tests) and re-listed
their children for every entry. The mixins here read them the first time and keep
the result on the element proxy (``style`` keeps every proxy alive). Each method
returns what the citeproc-py method it replaces returns; ``elements`` puts them
between its fixes and citeproc-py's classes.
Offered upstream as: "compile element attributes once per style".
"""

from __future__ import annotations

from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String

__all__ = ["children", "fast_base"]

# Reference.type is a dict entry behind CustomDict.__getattr__ -> __getitem__ (two
# Python calls and a try); reading the entry directly is the same value.
_entry = dict.__getitem__
_MISSING = object()
# Formatted.format's attributes, in the order it applies them, and the formatter
# wrapper each non-default value selects (None: the value leaves the text alone).
_FORMATTING = (
    ("font-style", {"normal": None, "italic": "Italic", "oblique": "Oblique"}, "normal"),
    ("font-variant", {"normal": None, "small-caps": "SmallCaps"}, "normal"),
    ("font-weight", {"normal": None, "bold": "Bold", "light": "Light"}, "normal"),
    ("text-decoration", {"none": None, "underline": "Underline"}, "none"),
    ("vertical-align", {"baseline": None, "sup": "Superscript", "sub": "Subscript"}, "baseline"),
)


def children(element: Any) -> tuple[tuple[Any, bool], ...]:
    """Return an element's children, each with whether it is a ``cs:choose``."""
    cached: tuple[tuple[Any, bool], ...] | None = element._oaiwalk_children
    if cached is None:
        cached = tuple((c, isinstance(c, model.Choose)) for c in element.iterchildren())
        element._oaiwalk_children = cached
    return cached


class _Element:
    """Any element: children and affixes read once."""

    _oaiwalk_children: tuple[tuple[Any, bool], ...] | None = None
    _oaiwalk_affixes: tuple[str, str] | None = None
    _oaiwalk_formats: tuple[Any, ...] | None = None

    def _affixes(self) -> tuple[str, str]:
        affixes = self._oaiwalk_affixes
        if affixes is None:
            affixes = (self.get("prefix", ""), self.get("suffix", ""))  # type: ignore[attr-defined]
            self._oaiwalk_affixes = affixes
        return affixes


class _Formatted(_Element):
    """``Formatted.format`` with the wrappers its attributes select found once."""

    def format(self, string: Any) -> Any:
        wrappers = self._oaiwalk_formats
        if wrappers is None:
            wrappers = self._oaiwalk_formats = self._formats()
        if wrappers and wrappers[0] is None:  # an unknown value: citeproc-py's own path
            return super().format(string)  # type: ignore[misc]
        if isinstance(string, (int, float)):
            string = str(string)
        for wrapper in wrappers:
            string = wrapper(string)
        return string

    def _formats(self) -> tuple[Any, ...]:
        formatter = self.get_formatter()  # type: ignore[attr-defined]
        wrappers = []
        for attribute, choices, default in _FORMATTING:
            value = self.get(attribute, default)  # type: ignore[attr-defined]
            if value not in choices:
                return (None,)
            wrapper = choices[value]
            if wrapper is not None:
                wrappers.append(getattr(formatter, wrapper))
        return tuple(wrappers)


class _Choose(_Element):
    """``cs:choose`` over its branches listed once, tests asked without exceptions."""

    _oaiwalk_branches: tuple[tuple[Any, int], ...] | None = None

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        branches = self._oaiwalk_branches
        if branches is None:
            branches = self._oaiwalk_branches = tuple(
                (b, 0 if isinstance(b, _Condition) else 1 if isinstance(b, model.Else) else 2)
                for b, _ in children(self)
            )
        for branch, kind in branches:
            # what If.render and Else.render do, without raising ConditionFailed
            if kind == 0:
                if not branch.passes(item, context):
                    continue
                return branch.render_children(item, context=context, delimiter=delimiter, **kwargs)
            if kind == 1:
                return branch.render_children(item, context=context, delimiter=delimiter, **kwargs)
            try:
                return branch.render(item, context=context, delimiter=delimiter, **kwargs)
            except model.ConditionFailed:
                continue
        return None


class _Condition(_Element):
    """``cs:if``/``cs:else-if`` tests parsed once, evaluated with short cuts.

    Every test is a pure question about the item, so stopping at the first answer
    that decides ``match`` gives citeproc-py's result.
    """

    _oaiwalk_tests: tuple[Any, ...] | None = None

    def never_true(self) -> bool:
        return False  # ``elements`` answers for disambiguate="true"

    def _tests(self) -> tuple[Any, ...]:
        get = self.get  # type: ignore[attr-defined]
        attrib = self.attrib  # type: ignore[attr-defined]
        types = frozenset(t.lower() for t in get("type", "").split())
        variables = tuple(v.replace("-", "_") for v in get("variable", "").split())
        others = tuple(
            method
            for attribute, method in (
                ("is-numeric", "_is_numeric"),
                ("is-uncertain-date", "_is_uncertain_date"),
                ("locator", "_locator"),
                ("position", "_position"),
            )
            if attribute in attrib
        )
        match = get("match")
        mode = "any" if match == "any" else "none" if match == "none" else "all"
        return (self.never_true(), mode, types, variables, others)

    def passes(self, item: Any, context: Any) -> bool:
        """Return whether the branch's tests pass, as citeproc-py's ``If.render`` decides."""
        tests = self._oaiwalk_tests
        if tests is None:
            tests = self._oaiwalk_tests = self._tests()
        never, mode, types, variables, others = tests
        if never:
            return False
        reference = item.reference
        if mode == "all":  # every test true (also when there is none)
            if types and (len(types) > 1 or _entry(reference, "type") not in types):
                return False
            for v in variables:
                if not (("locator" in item) if v == "locator" else (v in reference)):
                    return False
            return all(all(self._other(m, item, context)) for m in others)
        hit = (
            (bool(types) and _entry(reference, "type") in types)
            or any(("locator" in item) if v == "locator" else (v in reference) for v in variables)
            or any(any(self._other(m, item, context)) for m in others)
        )
        return hit if mode == "any" else not hit

    def _other(self, method: str, item: Any, context: Any) -> list[Any]:
        if method == "_position":
            return self._position(item, context)  # type: ignore[attr-defined,no-any-return]
        return getattr(self, method)(item)  # type: ignore[no-any-return]

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if not self.passes(item, context):
            raise model.ConditionFailed
        return self.render_children(  # type: ignore[attr-defined]
            item, context=context, delimiter=delimiter, **kwargs
        )


class _Text(_Formatted):
    """``cs:text``: what it renders and how it is marked up, read once."""

    _oaiwalk_text: tuple[Any, ...] | None = None
    _oaiwalk_macro: Any = None
    _oaiwalk_variable: tuple[Any, ...] | None = None

    def _plan(self) -> tuple[Any, ...]:
        plan = self._oaiwalk_text
        if plan is None:
            attrib = self.attrib  # type: ignore[attr-defined]
            kind = next((k for k in ("variable", "macro", "term", "value") if k in attrib), None)
            root = self.get_root()  # type: ignore[attr-defined]
            plan = self._oaiwalk_text = (
                kind,
                root.get("default-locale", "en")[:2],
                self.get("strip-periods", "false").lower() == "true",  # type: ignore[attr-defined]
                self.get("text-case"),  # type: ignore[attr-defined]
                self.get("quotes", "false").lower() == "true",  # type: ignore[attr-defined]
            )
        return plan

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        kind, default_language, _, _, _ = self._plan()
        if kind is None:  # no source attribute: citeproc-py's own (failing) path
            return super().process(item, context, **kwargs)  # type: ignore[misc]
        if context is None:
            context = self
        language = item.reference.get("language")  # no VariableError raised and caught
        language = default_language if language is None else language[:2]
        if kind == "variable":
            text = self._variable(item, context)
        elif kind == "macro":
            macro = self._oaiwalk_macro
            if macro is None:
                macro = self._oaiwalk_macro = self.get_macro(self.get("macro"))  # type: ignore[attr-defined]
            text = macro.render(item, context)
        elif kind == "term":
            text = self._term(item)  # type: ignore[attr-defined]
        else:
            text = String(self.preformat(self.get("value")))  # type: ignore[attr-defined]
        return text, language

    def _variable(self, item: Any, context: Any) -> Any:
        plan = self._oaiwalk_variable
        if plan is None:
            variable = self.get("variable")  # type: ignore[attr-defined]
            special = variable.startswith(("page", "citation-number", "locator"))
            short = (variable + "-short").replace("-", "_")
            is_short = self.get("form") == "short"  # type: ignore[attr-defined]
            plan = (variable, variable.replace("-", "_"), short if is_short else None, special)
            self._oaiwalk_variable = plan
        variable, key, short, special = plan
        if special:
            return super()._variable(item, context)  # type: ignore[misc]
        repressed = context.get_layout().repressed
        tag = self.tag  # type: ignore[attr-defined]
        if tag in repressed and variable in repressed[tag]:
            return None
        reference = item.reference
        if short is not None and short in reference:
            key = short
        value = reference.get(key, _MISSING)
        if value is _MISSING:
            raise VariableError
        return value

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        # process() and markup() in one call: cs:text is the element rendered most
        kind, default_language, strip_periods, text_case, quoted = self._plan()
        if kind is None:
            return super().render(item, context=context, **kwargs)  # type: ignore[misc]
        owner = self if context is None else context
        if kind == "variable":
            text = self._variable(item, owner)
        elif kind == "macro":
            macro = self._oaiwalk_macro
            if macro is None:
                macro = self._oaiwalk_macro = self.get_macro(self.get("macro"))  # type: ignore[attr-defined]
            text = macro.render(item, owner)
        elif kind == "term":
            text = self._term(item)  # type: ignore[attr-defined]
        else:
            text = String(self.preformat(self.get("value")))  # type: ignore[attr-defined]
        if not text:
            return None
        if strip_periods:
            text = text.replace(".", "")
        if text_case is not None:  # the language only matters to text-case
            language = item.reference.get("language")
            language = default_language if language is None else language[:2]
            text = self.case(text, language)  # type: ignore[attr-defined]
        text = self.format(text)
        if quoted:
            text = self.quote(text)  # type: ignore[attr-defined]
        return self.wrap(text)  # type: ignore[attr-defined]

    def markup(self, text: Any, language: Any) -> Any:
        if not text:
            return None
        _, _, strip_periods, text_case, quoted = self._plan()
        if strip_periods:
            text = text.replace(".", "")
        if text_case is not None:
            text = self.case(text, language)  # type: ignore[attr-defined]
        text = self.format(text)
        if quoted:
            text = self.quote(text)  # type: ignore[attr-defined]
        return self.wrap(text)  # type: ignore[attr-defined]


class _Names(_Formatted):
    """``cs:names``: when none of its variables is set, go straight to the substitute.

    citeproc-py reached the same result through three caught exceptions.
    """

    _oaiwalk_names: tuple[Any, ...] | None = None

    def process(
        self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        plan = self._oaiwalk_names
        if plan is None:
            # citeproc-py tests the roles as written ("container-author" never matches)
            plan = self._oaiwalk_names = (tuple(self.get("variable").split()), self.substitute())  # type: ignore[attr-defined]
        roles, substitute = plan
        reference = item.reference
        for role in roles:
            if role in reference:
                return super().process(item, names_context, context, **kwargs)  # type: ignore[misc]
        if substitute is None:
            raise VariableError
        return substitute.render(item, context=self if context is None else context, **kwargs)


class _Substitute(_Element):
    """``cs:substitute`` over its children (and their cs:names context) listed once."""

    _oaiwalk_substitutes: tuple[tuple[Any, Any], ...] | None = None

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        plan = self._oaiwalk_substitutes
        if plan is None:
            plan = self._oaiwalk_substitutes = tuple(
                (child, self._names_context(child))
                for child in self.getchildren()  # type: ignore[attr-defined]
            )
        text = None
        for child, names in plan:
            try:
                if names is not None:
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text:
                self.add_to_repressed_list(child, context)  # type: ignore[attr-defined]
                break
        return text

    def _names_context(self, child: Any) -> Any:
        if isinstance(child, model.Names) and child.name is None:
            return self.xpath_search("./parent::cs:names[1]")[0]  # type: ignore[attr-defined]
        return None


class _Group(_Formatted):
    """``cs:group``: process and markup in one call."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        text = self.process(item, context=context, **kwargs)  # type: ignore[attr-defined]
        return self.wrap(self.format(text)) if text else None  # type: ignore[attr-defined]


_BY_TAG: dict[str, type] = {
    "group": _Group,
    "names": _Names,
    "substitute": _Substitute,
    "choose": _Choose,
    "if": _Condition,
    "else-if": _Condition,
    "text": _Text,
}


def fast_base(tag: str, cls: type) -> type:
    """Return the fast-path mixin for a citeproc-py element class."""
    if tag in _BY_TAG:
        return _BY_TAG[tag]
    return _Formatted if issubclass(cls, model.Formatted) else _Element
