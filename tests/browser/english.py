"""Find English left in a Vietnamese admin screen.

A word (letters only) is English when it is in Wagtail's and Django's own English vocabulary
(every word of their source msgids: the strings a role can meet untranslated) and is not a
Vietnamese syllable written without diacritics, i.e. a word of the Vietnamese catalogues
shaped like one syllable (onset, vowels, final: "an", "tin", "hay", "ban"; not "menu" or
"search", which some translations keep). Diacritics alone would not do: "22 hours trước" has
them. Proper names, codes and units a clerk reads as such are allowed explicitly; addresses
(https://…) and technical codes standing alone ("cms.homepage") are not prose.
"""

import re
from functools import cache
from pathlib import Path

import django
import wagtail
from django.conf import settings

# Product names, codes and units written as such in Vietnamese ("tệp Word", "trang web").
ALLOWED = {"wagtail", "word", "web", "docx", "pdf", "url", "id", "html", "ok", "email", "mb"}
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
URL = re.compile(r"\w+://\S+")
CODE = re.compile(r"[a-z_]+\.[a-z_]+")
SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?"
)
# Placeholders and markup inside msgids are not words a clerk reads.
NOISE = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>|&\w+;")


def _strings(paths, keyword: str) -> list[str]:
    """The texts of every ``keyword`` line of .po files ("msgid" also reads msgid_plural,
    "msgstr" each plural form), continuation lines joined."""
    entries: list[list[str]] = []
    for path in paths:
        current = None
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(keyword) and " " in line:
                current = [line.split(" ", 1)[1][1:-1]]
                entries.append(current)
            elif line.startswith('"') and current is not None:
                current.append(line[1:-1])
            else:
                current = None
    return ["".join(parts) for parts in entries]


def _words(strings) -> set[str]:
    return {w.lower() for s in strings for w in WORD.findall(NOISE.sub(" ", s))}


def _catalogues(language: str) -> list[Path]:
    """Wagtail's and Django's catalogues, and for Vietnamese the project's own too (the
    project's msgids are Vietnamese, so they never count as English)."""
    roots = [Path(wagtail.__file__).parent, Path(django.__file__).parent]
    found = [p for root in roots for p in root.glob(f"**/locale/{language}/LC_MESSAGES/*.po")]
    if language == "vi":
        found += [p for root in settings.LOCALE_PATHS for p in Path(root).glob("vi/**/*.po")]
    return found


@cache
def english_vocabulary() -> frozenset[str]:
    english = _words(_strings(_catalogues("en"), "msgid"))
    vietnamese = {w for w in _words(_strings(_catalogues("vi"), "msgstr")) if SYLLABLE.fullmatch(w)}
    ascii_only = {w for w in english if w.isascii() and len(w) > 1}
    return frozenset(ascii_only - vietnamese - ALLOWED)


def english_words(text: str) -> list[str]:
    vocabulary = english_vocabulary()
    return [w for w in WORD.findall(URL.sub(" ", text)) if w.lower() in vocabulary]


def english_strings(strings) -> list[str]:
    """The strings of a screen that still hold English words, each once, in page order.
    A technical code on its own (a content type "cms.homepage") is not prose."""
    return list(dict.fromkeys(s for s in strings if not CODE.fullmatch(s) and english_words(s)))


# A letter of Vietnamese's alphabet outside ASCII (ă â đ ê ô ơ ư, any tone mark).
VIETNAMESE_LETTER = re.compile(r"[^\W\d_a-zA-Z]")


def vietnamese_words(text: str) -> list[str]:
    """The reverse check, for English screens: words written with a Vietnamese letter.
    Vietnamese written without diacritics ("Van ban") is not found; on the portal's chrome
    every Vietnamese label has one."""
    return [w for w in WORD.findall(URL.sub(" ", text)) if VIETNAMESE_LETTER.search(w)]
