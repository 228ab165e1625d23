"""Interface text translated once, when a template is compiled, not once per row.

A site's environment is made for one language (:mod:`boconf.website.templating`), so
``{{ _("vacant") }}`` prints the same text every time. Jinja2 still calls gettext for it on
every row: on a 10,000-position site about fifty thousand calls, which made the unit pages
more than twice as slow to write as they were in English only. This extension replaces each
such expression (a string literal and nothing else: no placeholder, no filter) with its
translation as template text, exactly as the i18n extension would print it: newstyle
gettext's ``Markup(text) % {}``, so ``%%`` is ``%``. Anything else is left to run as before.

Only for an autoescaping environment without ``finalize`` and with the i18n extension's own
gettext (the HTML pages): there, a translation is printed as it is (Markup), so as template
text it is byte for byte the same. Babel extracts messages from the template files, which
this does not change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup

from boconf import i18n

# {{ _("text") }}: the tokens, by type, and the names a translation is called by.
_SHAPE = ("variable_begin", "name", "lparen", "string", "rparen", "variable_end")
_NAMES = frozenset({"_", "gettext"})


class ConstantTranslations(Extension):
    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        tokens = list(stream)
        if _rebinds_gettext(tokens):
            return tokens
        return _folded(tokens, i18n.translations().gettext)


def _rebinds_gettext(tokens: list[Token]) -> bool:
    """Whether the template may give ``_`` or ``gettext`` another meaning (``{% set _ = f %}``,
    a loop or macro variable of that name...): a name not followed by "(" anywhere. Such a
    template is left as it is, rather than folded by a guess."""
    return any(
        token.type == "name"
        and token.value in _NAMES
        and (index + 1 == len(tokens) or tokens[index + 1].type != "lparen")
        for index, token in enumerate(tokens)
    )


def _folded(tokens: list[Token], gettext: Callable[[str], str]) -> Iterator[Token]:
    index, count = 0, len(tokens)
    width = len(_SHAPE)
    while index < count:
        window = tokens[index : index + width]
        if (
            len(window) == width
            and all(token.type == kind for token, kind in zip(window, _SHAPE, strict=True))
            and window[1].value in _NAMES
        ):
            text = str(Markup(gettext(window[3].value)) % {})
            yield Token(window[0].lineno, "data", text)
            index += width
            continue
        yield tokens[index]
        index += 1
