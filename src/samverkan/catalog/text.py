"""Accent- and case-folding for search: "Västerås" and "vasteras" fold to the same text."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition does not split into base letter + accent.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l"})
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"[^\W_]+")


def fold(value: str) -> str:
    """Lower-case, strip diacritics (å ä ö õ ü š ž ā ē ī ū ķ ļ ņ ģ č) and collapse spaces."""
    value = unicodedata.normalize("NFKD", (value or "").casefold().translate(_SPECIAL))
    value = "".join(char for char in value if not unicodedata.combining(char))
    return " ".join(_WORD.findall(value))


def tokens(query: str) -> list[str]:
    """The folded words of a search query, without duplicates, in order."""
    seen: dict[str, None] = {}
    # Underscores split words too, as both full-text tokenizers do.
    for word in _TOKEN.findall(fold(query)):
        seen.setdefault(word, None)
    return list(seen)[:8]
