"""Rules between columns and between rows that the codebook states and no Table Schema can express."""

from kadiz.validation.problems import Problem, Table, rule
from kadiz.words import COUNTRY

# `;`-separated references, which Table Schema foreign keys cannot express.
LIST_REFS = {("events", "actors"): "actors", ("joint_air_patrols", "source_ids"): "sources",
             ("records", "source_ids"): "sources", ("verdicts", "record_ids"): "records",
             ("verdicts", "source_ids"): "sources"}
# The two sequences the article compares, and the month each lies in.
EPISODES = {"march-2022": "2022-03", "may-2022": "2022-05"}

NO_SUCH_ID = rule("References", "Each id in a `;`-separated list names a row of the table it refers to.",
                  '"{ref}" is not an id of {target}')
REPEATED_ID = rule("References", "A `;`-separated list names each id once.", '"{ref}" is listed twice')
NOT_AN_ENTRY = rule("Codebook rules", "An exit's `entry_id` names an `air-zone-entry` row.",
                    '"{entry}" is not an air-zone-entry row')
EXIT_WITHOUT_ENTRY = rule("Codebook rules", "Every `air-zone-exit` row names in `entry_id` the entry it ends.",
                          "an air-zone-exit names no entry: give the id of its air-zone-entry row in entry_id")
ENTRY_ON_NON_EXIT = rule("Codebook rules", "Only `air-zone-exit` rows have an `entry_id`.",
                         "only air-zone-exit rows have an entry_id")
OUTSIDE_EPISODE = rule("Codebook rules", "An event of episode `march-2022` starts in March 2022, one of `may-2022` "
                       "in May 2022.", 'episode "{episode}" is in {month}, but the event starts "{start}"')
OUTSIDE_WITHOUT_BASIS = rule("Codebook rules", "An event dated from outside the article (`dated_from` "
                             "`outside-article`) names in `date_basis` the record its date comes from.",
                             'dated_from is "outside-article", so date_basis must say where the date comes from')
NO_WHOLE = rule("Codebook rules", "`included_in` names the `platform` of another row of the same event and country.",
                'no {country} "{platform}" row for event "{event}" to be part of')
PART_EXCEEDS_WHOLE = rule("Codebook rules", "A count included in another is not larger than it.",
                          "{count} is more than the {whole} it is included in")
SELF_INCLUDED = rule("Codebook rules", "A row is not included in itself.", "a row cannot be included in itself")
ANONYMOUS_NAMED = rule("Codebook rules", "An anonymous speaker has no `name`.",
                       "anonymous is true but name is given; an anonymous speaker has no name")
UNNAMED = rule("Codebook rules", "A speaker the article names (`anonymous` false) has a `name`.",
               "anonymous is false but name is empty; give the name as printed, or set anonymous to true")
REASON_NOT_ANONYMOUS = rule("Codebook rules", "`anonymity_reason` is given only for an anonymous speaker.",
                            "anonymity_reason is given but anonymous is false")
COUNTRIES_NOT_ABOUT_IT = rule("Codebook rules", "`coordination_of` is empty when `stance` is `not-about-it`.",
                              'stance is "not-about-it", so coordination_of must be empty')
NO_COUNTRIES = rule("Codebook rules", "`coordination_of` names the countries whenever `stance` is about coordination.",
                    'stance "{stance}" is about coordination between countries: name them in coordination_of')
TOO_FEW_COUNTRIES = rule("Codebook rules", "`coordination_of` names at least two different countries: "
                         "coordination is between countries.",
                         'coordination_of must name at least two different countries, not "{value}"')

UNKNOWN_COUNTRY = rule("Codebook rules", "A country code is one the report can name for readers (kadiz/words.py "
                       "COUNTRY): add a new country's name there first.",
                       '"{code}" is not a country code the report can name')
# The columns that hold country codes, alone or `;`-separated.
COUNTRY_COLUMNS = {"actors": "country", "speakers": "country", "quotes": "coordination_of"}

ANONYMITY = {("true", True): ANONYMOUS_NAMED, ("false", False): UNNAMED}  # (anonymous, has a name)


def check_references(tables: dict[str, Table]) -> list[Problem]:
    """`;`-separated references resolve, exits point at entries, and assets are part of assets of the same event."""
    problems = []
    ids = {name: {row.get("id") for _, row in t.rows} for name, t in tables.items()}
    for (name, col), target in LIST_REFS.items():
        if name not in tables or target not in tables:
            continue  # an unreadable table is reported already; its references cannot be checked
        t = tables[name]
        for line, row in t.rows:
            refs = list(filter(None, row.get(col, "").split(";")))
            for ref in refs:
                if ref not in ids[target]:
                    problems.append(NO_SUCH_ID.at(t.path, line, col, ref=ref, target=tables[target].path))
            for ref in sorted({r for r in refs if refs.count(r) > 1}):
                problems.append(REPEATED_ID.at(t.path, line, col, ref=ref))
    if "events" in tables:
        problems += _events(tables["events"])
    if "assets" in tables:
        problems += _assets(tables["assets"])
    return problems


def check_codebook_rules(tables: dict[str, Table]) -> list[Problem]:
    """The rules between columns of one row that the codebook states."""
    problems = []
    if t := tables.get("speakers"):
        for line, row in t.rows:
            anonymous, named = row.get("anonymous"), bool(row.get("name"))
            if (anonymous, named) in ANONYMITY:
                problems.append(ANONYMITY[anonymous, named].at(t.path, line, "name"))
            if row.get("anonymity_reason") and anonymous == "false":
                problems.append(REASON_NOT_ANONYMOUS.at(t.path, line, "anonymity_reason"))
    if t := tables.get("quotes"):
        for line, row in t.rows:
            stance, countries = row.get("stance"), row.get("coordination_of", "")
            if stance == "not-about-it" and countries:
                problems.append(COUNTRIES_NOT_ABOUT_IT.at(t.path, line, "coordination_of"))
            elif stance and stance != "not-about-it" and not countries:
                problems.append(NO_COUNTRIES.at(t.path, line, "coordination_of", stance=stance))
            elif countries and len(set(countries.split(";"))) < 2:
                problems.append(TOO_FEW_COUNTRIES.at(t.path, line, "coordination_of", value=countries))
    for name, column in COUNTRY_COLUMNS.items():
        if t := tables.get(name):
            for line, row in t.rows:
                for code in filter(None, row.get(column, "").split(";")):
                    if code not in COUNTRY:
                        problems.append(UNKNOWN_COUNTRY.at(t.path, line, column, code=code))
    return problems


def _events(t: Table) -> list[Problem]:
    category = {row.get("id"): row.get("category") for _, row in t.rows}
    problems = []
    for line, row in t.rows:
        entry = row.get("entry_id", "")
        if entry and category.get(entry, "air-zone-entry") != "air-zone-entry":
            problems.append(NOT_AN_ENTRY.at(t.path, line, "entry_id", entry=entry))
        if entry and row.get("category") != "air-zone-exit":
            problems.append(ENTRY_ON_NON_EXIT.at(t.path, line, "entry_id"))
        if not entry and row.get("category") == "air-zone-exit":
            problems.append(EXIT_WITHOUT_ENTRY.at(t.path, line, "entry_id"))
        if row.get("dated_from") == "outside-article" and not row.get("date_basis"):
            problems.append(OUTSIDE_WITHOUT_BASIS.at(t.path, line, "date_basis"))
        episode, start = row.get("episode", ""), row.get("start", "")
        if episode in EPISODES and start[:7] != EPISODES[episode]:
            problems.append(OUTSIDE_EPISODE.at(t.path, line, "episode", episode=episode, month=EPISODES[episode],
                                               start=start))
    return problems


def _assets(t: Table) -> list[Problem]:
    counts = {(r.get("event_id"), r.get("country"), r.get("platform")): r.get("count") for _, r in t.rows}
    problems = []
    for line, row in t.rows:
        event, country, whole = row.get("event_id"), row.get("country"), row.get("included_in")
        if not whole:
            continue
        if whole == row.get("platform"):
            problems.append(SELF_INCLUDED.at(t.path, line, "included_in"))
        elif (event, country, whole) not in counts:
            problems.append(NO_WHOLE.at(t.path, line, "included_in", country=country, platform=whole, event=event))
        elif _int(row.get("count")) > _int(counts[event, country, whole]):
            problems.append(PART_EXCEEDS_WHOLE.at(t.path, line, "count", count=row.get("count"),
                                                  whole=counts[event, country, whole]))
    return problems


def _int(s: str | None) -> int:
    return int(s) if s and s.isascii() and s.isdigit() else 0
