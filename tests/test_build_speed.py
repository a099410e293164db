"""What makes `helpcenter build` quicker must not change what it finds or writes.

The nesting check of content files visits only the characters that can change
its count (load._too_deep): it must give the line the character-by-character
reading gave, for any text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from helpcenter.load import MAX_DEPTH, _too_deep


def _too_deep_char_by_char(text: str) -> int | None:
    """The former reading, one character after the other: the reference."""
    flow = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        indent = (len(line) - len(stripped)) // 2
        quote = None
        for i, char in enumerate(stripped):
            at_value = flow > 0 or i == 0 or stripped[max(0, i - 2):i] in (": ", "- ")
            if quote:
                quote = None if char == quote else quote
            elif char in "\"'" and at_value:
                quote = char
            elif char in "[{" and at_value:
                flow += 1
                if indent + flow > MAX_DEPTH:
                    return number
            elif char in "]}" and flow:
                flow -= 1
            elif char == "#" and (i == 0 or stripped[i - 1] == " "):
                break
        if indent + flow > MAX_DEPTH:
            return number
    return None


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.text(alphabet=" :-\"'[]{}#ab\n", max_size=400))
def test_the_nesting_check_finds_the_line_the_character_by_character_reading_found(text):
    assert _too_deep(text) == _too_deep_char_by_char(text)


def test_the_nesting_check_still_finds_deep_nesting_and_ignores_brackets_in_text():
    deep = "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    assert _too_deep("title: {fr: \"x\", en: \"y\"}\n" + deep) == 2
    assert _too_deep("title: Voir " + "[" * 40 + " l'annulation\n") is None
    assert _too_deep("a: '" + "[" * 40 + "'\n") is None
