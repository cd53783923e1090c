"""Languages: English (the source) and French (Canada: the source clinic is in Toronto).

Two kinds of text are translated, each where it belongs:

* interface text (page labels, buttons, sentences the code builds) with
  gettext catalogues under `i18n/locales/<lang>/LC_MESSAGES/messages.po`
  (Babel), extracted from the templates and `i18n/phrases.py`;
* the knowledge base's patient-facing text (finding labels and questions,
  cause names, triage reasons, advice, tests) in
  `knowledge/data/i18n/<lang>.yaml`, keyed by id, so a new language is a new
  pair of files, not new code.

English needs no files: the source text is English.
"""

from twitchcheck.i18n.catalog import LANGUAGES, Localizer, localizer, negotiate_language

__all__ = ["LANGUAGES", "Localizer", "localizer", "negotiate_language"]
