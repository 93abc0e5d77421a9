"""Words the app says, in Dutch and English.

The words are data: the TOML files beside this module, one per screen or topic (``join.toml``,
``board.toml``, ``facilitator.toml``, ``projector.toml``, ``errors.toml``, ...), hold one table per
message key with its Dutch (``nl``) and English (``en``) text. A key is in exactly one file and has
both languages; :func:`load_messages` refuses anything else, so the app does not start on a broken file.

Domain errors carry a message key and parameters; the page that catches one
shows it in the participant's language with :func:`t`.

A word that follows a count takes both its forms: ``{count|probleem|problemen}`` is the first
form when ``count`` is 1 and the second otherwise (one rule serves both languages), so a message
never says "1 problemen". The board's and notes' texts go to the browser unfilled and use
``_one`` keys instead.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"  # the product's home audience is Dutch
FOLDER = Path(__file__).parent  # the message files


class MessageFileError(ValueError):
    """A message file the app cannot use: not TOML, a key in two files, a language missing."""


def load_messages(folder: Path = FOLDER) -> dict[str, dict[str, str]]:
    """Key -> {language: text} from every ``*.toml`` file in ``folder``, the files by name."""
    messages: dict[str, dict[str, str]] = {}
    home: dict[str, str] = {}  # key -> the file it is in
    for path in sorted(folder.glob("*.toml")):
        try:
            tables = tomllib.loads(path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise MessageFileError(f"{path}: not a TOML file in UTF-8: {exc}") from exc
        for key, texts in tables.items():
            where = f'{path}: ["{key}"]'
            if key in home:
                raise MessageFileError(f"{where}: this key is also in {home[key]}; a key belongs in one file")
            if not isinstance(texts, dict) or not all(isinstance(text, str) for text in texts.values()):
                raise MessageFileError(
                    f'{where}: expected a message, a table of texts such as nl = "..." and en = "..." '
                    f'(a key with dots goes in quotes: ["{key}.name"], not [{key}.name])'
                )
            missing = [lang for lang in LANGUAGES if lang not in texts]
            if missing:
                raise MessageFileError(f"{where}: the {' and '.join(missing)} text is missing")
            unknown = sorted(set(texts) - set(LANGUAGES))
            if unknown:
                raise MessageFileError(f"{where}: {', '.join(unknown)} is not one of the languages {LANGUAGES}")
            home[key] = path.name
            messages[key] = {lang: texts[lang] for lang in LANGUAGES}
    return messages


MESSAGES: dict[str, dict[str, str]] = load_messages()


def template(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The message ``key`` in ``lang`` (falling back to Dutch), placeholders unfilled."""
    texts = MESSAGES[key]
    return texts.get(lang, texts[DEFAULT_LANGUAGE])


PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")  # {count|one|other}


def plural(text: str, params: dict[str, object]) -> str:
    """``text`` with each ``{name|one|other}`` replaced by the form for ``params[name]``: "one" for 1."""
    if "|" not in text:
        return text
    return PLURAL.sub(lambda m: m[2] if params.get(m[1]) == 1 else m[3], text)


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The message ``key`` in ``lang``, filled with ``params`` (plural forms chosen, see the module doc)."""
    return plural(template(key, lang), params).format(**params)


def pick_language(locale: str | None) -> str:
    """The app language for a browser locale such as ``en-GB`` or ``nl``."""
    if locale:
        primary = locale.split("-")[0].split("_")[0].lower()
        if primary in LANGUAGES:
            return primary
    return DEFAULT_LANGUAGE
