"""Loading translations and choosing a language."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from twitchcheck.errors import KnowledgeError
from twitchcheck.formatting import percent, percent_sign
from twitchcheck.knowledge.files import parse_yaml_mapping

# Language code -> its own name, for the switch.
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "en"
# Sections of the knowledge overlay and the fields each may translate.
OVERLAY_FIELDS: dict[str, frozenset[str]] = {
    "findings": frozenset({"label", "question", "why"}),
    "causes": frozenset({"name", "summary"}),
    "levels": frozenset({"title", "advice"}),
    "rules": frozenset({"reason"}),
    "advice": frozenset({"text"}),
    "tests": frozenset({"name", "detail"}),
    "doctor_questions": frozenset({"text"}),
    "groups": frozenset({"title"}),
    "texts": frozenset({"text"}),
    "links": frozenset({"caution"}),  # keyed "cause.finding"
    "conditions": frozenset({"name"}),
    "bands": frozenset({"words"}),  # causes.yaml display.bands
}


@dataclass(frozen=True)
class Localizer:
    """Everything needed to speak one language: gettext for the interface, an overlay for knowledge."""

    language: str
    translations: NullTranslations
    overlay: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)

    def gettext(self, message: str, **values: Any) -> str:
        """The translated interface message, with %(name)s placeholders filled in."""
        text = self._typeset(self.translations.gettext(message))
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        text = self._typeset(self.translations.ngettext(singular, plural, n))
        return text % {"n": n, **values}

    def _typeset(self, text: str) -> str:
        """French keeps a colon and guillemets on the line of their word: the spaces there cannot break."""
        if self.language != "fr":
            return text
        return text.replace(" :", "\u00a0:").replace("« ", "«\u00a0").replace(" »", "\u00a0»")

    def percent(self, probability: float) -> str:
        """A probability as people read it in this language, never above the shown maximum ('95%') nor '0%' ('<1%')."""
        return percent_sign(percent(probability), self.language)

    def knowledge(self, section: str, item_id: str, field_name: str, default: str) -> str:
        """A knowledge-base text in this language, or the English `default` when not translated."""
        return self.overlay.get(section, {}).get(item_id, {}).get(field_name, default)


@cache
def localizer(language: str) -> Localizer:
    """The localizer for a language code (unknown codes get English)."""
    if language not in LANGUAGES or language == DEFAULT_LANGUAGE:
        return Localizer(DEFAULT_LANGUAGE, NullTranslations())
    return Localizer(language, _translations(language), _overlay(language))


def negotiate_language(accept_language: str | None) -> str:
    """The best language for a browser's Accept-Language header."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    wanted = [part.split(";")[0].strip().replace("-", "_") for part in accept_language.split(",") if part.strip()]
    available = list(LANGUAGES) + [f"{code}_CA" for code in LANGUAGES]
    chosen = negotiate_locale(wanted, available, sep="_")
    if chosen is None:
        return DEFAULT_LANGUAGE
    return Locale.parse(chosen).language


def _translations(language: str) -> Translations:
    """The gettext catalogue, compiled from its .po file in memory (no compiled files to keep in sync)."""
    po = resources.files("twitchcheck.i18n") / "locales" / language / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def _overlay(language: str) -> dict[str, dict[str, dict[str, str]]]:
    path = resources.files("twitchcheck.knowledge") / "data" / "i18n" / f"{language}.yaml"
    if not path.is_file():
        return {}
    name = f"i18n/{language}.yaml"
    data = parse_yaml_mapping(name, path.read_text(encoding="utf-8"))
    for section, items in data.items():
        if section not in OVERLAY_FIELDS:
            raise KnowledgeError(f"{name}: unknown section '{section}' (one of {', '.join(OVERLAY_FIELDS)})")
        for item_id, fields in (items or {}).items():
            unknown = set(fields or {}) - OVERLAY_FIELDS[section]
            if unknown:
                raise KnowledgeError(
                    f"{name}: entry '{section}.{item_id}': unknown field(s) {sorted(unknown)}; "
                    f"allowed: {sorted(OVERLAY_FIELDS[section])}"
                )
    return data
