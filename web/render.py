"""The templates (web/templates, shipped in the wheel with the package) drawn with Jinja2, escaping
every value: plan texts, evidence and network names are data, never markup."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from participation.i18n import LANGUAGES, translator
from web.texts import LANGUAGE_NAMES, words


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def draw(template: str, language: str, **context: Any) -> str:
    _ = translator(language)
    return (
        _environment()
        .get_template(template)
        .render(
            language=language,
            languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            words=words(_),
            **context,
        )
    )
