"""The one place where the data's codes become the words readers see.

The data keep short codes (``not-about-it``, ``air-zone-entry``, ``CHN;RUS;PRK``) so that they can be validated and
compared; no code reaches a page, a tooltip, a chart's data table or the PDF. Every chapter, table and chart that
shows a coded value takes its words from here, and a test checks that each code of the schemas has its words.
"""

from __future__ import annotations

import pandas as pd

# How a statement stands on whether the acts were coordinated, in reading order: from "coordinated" through
# "uncertain" to "not coordinated", then the statements that say nothing about it.
STANCE = {
    "coordinated": "coordinated",
    "uncertain": "uncertain",
    "not-coordinated": "not coordinated",
    "not-about-it": "no stance on coordination",
}
STANCE_ORDER = list(STANCE)

# The ratings of the rubric (chapters/rubric.md), from agreement to disagreement, then the verdict of no decision.
RATING = {
    "supported": "supported",
    "supported-with-caveat": "supported, with a caveat",
    "consistent": "consistent, not independently confirmed",
    "mixed": "mixed",
    "not-reproduced": "not reproduced",
    "not-found": "not found",
    "contradicted": "contradicted",
    "cannot-be-settled": "cannot be settled",
}

# ISO 3166 alpha-3 codes of data/actors.csv and data/speakers.csv (SUN: the Soviet Union; INT: an international
# body).
COUNTRY = {
    "CHN": "China", "RUS": "Russia", "PRK": "North Korea", "KOR": "South Korea", "USA": "United States",
    "JPN": "Japan", "GBR": "United Kingdom", "UKR": "Ukraine", "SGP": "Singapore", "SUN": "Soviet Union",
    "INT": "international",
}

MODE = {"direct": "direct quotation", "paraphrase": "paraphrase"}

# What a place on the map is where data/external/places.csv gives it no note: what every place of that table is.
PLACE = "A place the article or the records name."

# The kinds of event after the article (data/external/after_events.csv), as a chart labels them in a word or two.
AFTER_EVENT_KIND = {
    "zone": "air zone changed",
    "vote": "UN vote",
    "treaty": "treaty",
    "deployment": "troops for Russia",
    "meeting": "leaders meet",
    "launch": "launch (news)",
}


def missiles_text(count: int, names: list[str]) -> str:
    """A launch day in words: "1 missile: KN-25", "8 missiles, type not known", "3 missiles: KN-25; some of a type
    not known" ("Unknown" in the records)."""
    known = [n for n in dict.fromkeys(names) if n and n != "Unknown"]
    head = counted(count, "missile")
    if not known:
        return f"{head}, type not known"
    return f"{head}: " + ", ".join(known) + ("; some of a type not known" if "Unknown" in names else "")


def whole(text: str) -> str:
    """Words read as one value, which no line may break ("1 of 9", "p = 0.287"): their spaces as no-break spaces."""
    return text.replace(" ", "\u00a0")


def listed(items: list[str]) -> str:
    """Words as a reader lists them: "China", "China and Russia", "China, Russia and North Korea"."""
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def countries(codes) -> str:
    """``"CHN;RUS;PRK"`` as "China, Russia and North Korea"; an empty or missing cell as ""."""
    if codes is None or (not isinstance(codes, str) and pd.isna(codes)) or not codes:
        return ""
    return listed([COUNTRY[code] for code in str(codes).split(";")])


def days_later(days: int) -> str:
    """A lag in whole days: "the same day", "1 day later", "2 days later"."""
    return "the same day" if days == 0 else f"{days} day later" if days == 1 else f"{days} days later"


# What a country's aircraft are called when the data name no type ("4 Russian"), by the codes of COUNTRY.
COUNTRY_ADJECTIVE = {
    "CHN": "Chinese", "RUS": "Russian", "PRK": "North Korean", "KOR": "South Korean", "USA": "American",
    "JPN": "Japanese", "GBR": "British", "UKR": "Ukrainian", "SUN": "Soviet",
}
# How a chart names a platform of data/assets.csv in a few characters: the type, without the kind of aircraft.
PLATFORM_SHORT = {"H-6 bomber": "H-6", "Tu-95 bomber": "Tu-95", "warplane": "warplane",
                  "ballistic missile": "ballistic missile", "suspected ICBM": "suspected ICBM", "ICBM": "ICBM"}


def counted(n: int, thing: str) -> str:
    """A count with its noun: "1 missile", "3 missiles" (a type such as "H-6" takes no plural: "2 H-6")."""
    plural = n != 1 and thing[-1:].islower()
    return f"{n} {thing}{'s' if plural else ''}"


def number_of_times(n: int) -> str:
    """How many times, as a headline says it: "Once", "Twice", "3 times"."""
    return {1: "Once", 2: "Twice"}.get(n, f"{n} times")


def a_or_count(counted_text: str) -> str:
    """"1 ICBM" as "an ICBM", "1 ballistic missile" as "a ballistic missile"; other counts stay."""
    if not counted_text.startswith("1 "):
        return counted_text
    thing = counted_text[2:]
    vowel_sound = thing[:1].lower() in "aeiou" or thing[:1] in "FHILMNRSX"  # an ICBM, an H-6, an F-16
    return f"{'an' if vowel_sound else 'a'} {thing}"
