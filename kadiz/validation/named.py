"""Rows the report names: the chapters and the package state facts about particular rows, found by their ids (the
March and May flights, the statements the voices chapter numbers, the counts of the May sequence ...). Without
such a row a chapter stops with a KeyError when the book is built; the validator refuses the folder first.

tests/test_contract.py reads the chapters' code and the package for every id of data/ they spell out and fails
if one is missing here, so this list follows the code.
"""

from kadiz.validation.problems import Problem, Table, rule

NAMED = {
    "events": ("ukraine-invasion", "unlimited-partnership", "ipef-launch", "quad-summit", "biden-leaves-tokyo",
               "jan-2022-flypast", "nov-2021-sorties", "mar23-china-kadiz", "mar24-russia-kadiz", "mar24-icbm",
               "may24-h6-kadiz-entry", "may24-joint-kadiz-entry", "may25-missile-launches"),
    "actors": ("quad",),
    "claims": ("exact-mirror-march", "nineteen-tests-2022", "happened-twice", "six-tests-january",
               "march-flypasts-joint", "icbm-hours-after-russian-flights", "may25-suspected-icbm",
               "first-long-range-test-since-2017", "china-russia-no-treaty", "timing-far-from-coincidental",
               "joint-entry-time", "coordination-upgrading"),
    "quotes": ("source-china-russia-coordinated", "source-north-korea-doubted", "chun-definite-coordination",
               "chun-notification", "chinese-unofficial-denial", "neill-happened-twice", "lankov-not-sure",
               "lankov-neither-country", "mnd-january-flypast"),
    "records": ("kbs-2022-03-23-chinese-aircraft", "relay-2022-03-23-chinese-aircraft",
                "kbs-2022-03-24-russian-aircraft", "relay-2022-03-24-russian-aircraft", "jcs-2022-03-24-icbm-launch",
                "japan-2022-05-24-bombers", "jcs-2022-05-24-russian-aircraft", "jcs-2022-05-24-joint-duration",
                "jcs-2022-05-24-joint-exit"),
    "sources": ("cnsntimissiledb", "nagixnkmissiletests"),
    "map_areas": ("h6-entry-2022-05-24", "joint-entry-2022-05-24"),
    "after_events": ("unsc-sanctions-veto", "russia-north-korea-treaty", "north-korean-troops-reported",
                     "north-korean-troops-confirmed", "beijing-parade", "kadiz-extension-announced",
                     "kadiz-extension-effective"),
}
# The counts the March and May chapters state, by event, country and platform (kadiz.timeline.may_sequence,
# kadiz.march_and_may.march_facts).
NAMED_ASSETS = (("may24-h6-kadiz-entry", "CHN", "H-6 bomber"), ("may24-joint-kadiz-entry", "CHN", "warplane"),
                ("may24-joint-kadiz-entry", "RUS", "warplane"), ("may24-joint-kadiz-entry", "RUS", "Tu-95 bomber"),
                ("mar24-icbm", "PRK", "ICBM"), ("may25-missile-launches", "PRK", "ballistic missile"),
                ("may25-missile-launches", "PRK", "suspected ICBM"))

NAMED_ROW = rule("Rows the report names", "A row the chapters state facts about by its id is present "
                 "(kadiz.validation.named lists them).",
                 'no row with id "{id}": the report states facts about it (kadiz.validation.named)')
NAMED_ASSET = rule("Rows the report names", "The counts the chapters state are present: a row of assets.csv for "
                   "each event, country and platform they count.",
                   'no row for event "{event}", {country}, "{platform}": the report states this count')


def check_named(tables: dict[str, Table]) -> list[Problem]:
    problems = []
    for name, ids in NAMED.items():
        if t := tables.get(name):
            present = {row.get("id") for _, row in t.rows}
            problems += [NAMED_ROW.at(t.path, None, "id", id=i) for i in ids if i not in present]
    if t := tables.get("assets"):
        present = {(row.get("event_id"), row.get("country"), row.get("platform")) for _, row in t.rows}
        problems += [NAMED_ASSET.at(t.path, None, "event_id", event=e, country=c, platform=p)
                     for e, c, p in NAMED_ASSETS if (e, c, p) not in present]
    return problems
