"""Handles derived from display names, the way people pick them: @mira_castell, @kofidev, @MCastell."""

from __future__ import annotations

import random
import re
import unicodedata

from mentormesh.accounts.validation import HANDLE_RE, RESERVED_HANDLES

MAX_LENGTH = 30
# Letters that Unicode decomposition does not reduce to ASCII.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "\u0131": "i",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
    }
)
_NOT_HANDLE_CHARACTER = re.compile(r"[^A-Za-z0-9]")


def ascii_word(text: str) -> str:
    """``text`` as ASCII letters and digits only: "Sáez" -> "Saez", "O'Rourke" -> "ORourke"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_HANDLE_CHARACTER.sub("", without_marks)


def handle_patterns(first: str, last: str, track_tag: str) -> list[str]:
    """Handles someone called ``first last`` might choose, most common first."""
    first_word = ascii_word(first.split()[0]) if first.split() else ""
    family = ascii_word(last)
    f, lst = first_word.lower(), family.lower()
    if not f:
        f = lst or "member"
    if not lst:
        lst = track_tag
    return [
        f"{f}_{lst}",
        f"{f}{lst}",
        f"{f}_{track_tag}",
        f"{f[0]}{lst}",
        f"{f}{lst[0]}",
        f"{lst}_{f}",
        f"{first_word}{family}",  # CamelCase, as some people like it
    ]


def choose_handle(
    rng: random.Random, first: str, last: str, track_tag: str, taken: set[str]
) -> str:
    """A valid handle for this person that is not in ``taken`` (lower-cased); adds it there."""
    patterns = handle_patterns(first, last, track_tag)
    preferred = rng.choices(patterns, weights=(30, 20, 15, 10, 8, 5, 12))[0]
    candidates = [preferred, *patterns]
    for candidate in candidates:
        handle = candidate[:MAX_LENGTH]
        if is_free(handle, taken):
            taken.add(handle.lower())
            return handle
    stem = patterns[1][: MAX_LENGTH - 4]
    while True:
        handle = f"{stem}{rng.randint(2, 9999)}"
        if is_free(handle, taken):
            taken.add(handle.lower())
            return handle


def is_free(handle: str, taken: set[str]) -> bool:
    return (
        bool(HANDLE_RE.fullmatch(handle))
        and handle.lower() not in RESERVED_HANDLES
        and handle.lower() not in taken
    )
