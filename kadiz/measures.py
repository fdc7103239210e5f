"""Measures derived from the article's events, assets, speakers and quotes.

Every measure is only as exact as the rows it comes from: a duration or gap is computed only when both ends
are dated to the minute, and is None otherwise (a day-precision date says "some time that day", which gives no
number of minutes). Times are Korean time, as the article's are.
"""

from __future__ import annotations

import pandas as pd

from kadiz.validate import PRECISIONS

# ------------------------------------------------------------------ who acted: the lanes of the timeline

LANES = ["China", "Russia", "North Korea", "US and allies"]
OTHER_LANE = "Other"
# The Soviet Union acted in the Korean War where Russia acts later; the Quad is a bloc of the US and its allies.
LANE_OF_COUNTRY = {
    "CHN": "China",
    "RUS": "Russia",
    "SUN": "Russia",
    "PRK": "North Korea",
    "USA": "US and allies",
    "KOR": "US and allies",
    "JPN": "US and allies",
    "GBR": "US and allies",
    "AUS": "US and allies",
    "IND": "US and allies",
}
LANE_OF_ACTOR = {"quad": "US and allies"}

# Short names for the events, for chart rows and tables; the verbatim passage stays in the tooltip.
EVENT_LABELS = {
    "korean-war": "Korean War",
    "china-north-korea-treaty": "China-North Korea treaty",
    "last-long-range-test-2017": "Last long-range test before 2022",
    "vostok-2018": "Vostok 2018 drills",
    "china-russia-joint-drills": "China-Russia joint drills begin",
    "joint-tabletop-exercises-2018": "Joint tabletop exercises",
    "kctv-2019-launch": "Launch in KCTV photo",
    "nov-2021-sorties": "Chinese and Russian sorties",
    "jan-2022-flypast": "Chinese and Russian flypast",
    "jan-2022-missile-tests": "Six missile tests",
    "jan-2022-unsc-sanctions": "UN sanctions blocked",
    "missile-tests-2022": "19 missile tests this year",
    "unlimited-partnership": "\u201cUnlimited Partnership\u201d",
    "ukraine-invasion": "Russia invades Ukraine",
    "mar23-china-kadiz": "Chinese warplanes through KADIZ",
    "mar24-russia-kadiz": "Russian warplanes through KADIZ",
    "mar24-icbm": "ICBM test",
    "biden-south-korea-visit": "Biden in South Korea",
    "biden-in-japan": "Biden in Japan",
    "ipef-launch": "IPEF unveiled",
    "quad-summit": "Quad summit",
    "biden-taiwan-remark": "Biden: would defend Taiwan",
    "may24-h6-kadiz-entry": "Two H-6 enter KADIZ",
    "may24-h6-kadiz-exit": "H-6 leave KADIZ",
    "may24-korea-scramble": "South Korea scrambles jets",
    "may24-joint-kadiz-entry": "Joint formation enters KADIZ",
    "may24-joint-kadiz-exit": "Joint formation leaves KADIZ",
    "kishi-grave-concern": "Kishi voices concern",
    "biden-leaves-tokyo": "Biden leaves Tokyo",
    "may25-missile-launches": "Three ballistic missiles",
    "jcs-serious-provocative-act": "JCS condemns the launches",
}

TIMED = ("minute",)  # precisions fine enough to count minutes between two rows


def label(event_id: str) -> str:
    """Short name of an event (its id in words when no name was written for it)."""
    return EVENT_LABELS.get(event_id, event_id.replace("-", " "))


def lanes_of(actor_ids, actors: pd.DataFrame) -> list[str]:
    """The actor groups of a `;`-separated list of actor ids, in lane order; ["Other"] when none matches."""
    if actor_ids is None or pd.isna(actor_ids):
        return [OTHER_LANE]
    country = dict(zip(actors["id"], actors["country"]))
    found = set()
    for actor in str(actor_ids).split(";"):
        lane = LANE_OF_ACTOR.get(actor) or LANE_OF_COUNTRY.get(country.get(actor, ""))
        if lane:
            found.add(lane)
    return [lane for lane in LANES if lane in found] or [OTHER_LANE]


def event_lanes(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One row per event and actor group (a joint flight sits in both the China and the Russia lane)."""
    rows = events.assign(lane=[lanes_of(a, actors) for a in events["actors"]]).explode("lane")
    return rows.reset_index(drop=True)


# ------------------------------------------------------------------ dates as the source gives them

def when_text(row) -> str:
    """A row's date in words, no finer than its precision ("January 2022", "24 May 2022, 07:56")."""
    precision, start, end = row["precision"], row["start_ts"], row["end_ts"]
    formats = {"year": "%Y", "month": "%B %Y", "day": "%-d %B %Y", "hour": "%-d %B %Y, %H:00", "minute": "%-d %B %Y, %H:%M"}
    text = start.strftime(formats[precision])
    if not pd.isna(end):
        same_day = precision in ("hour", "minute") and end.date() == start.date()
        text += "\u2013" + end.strftime("%H:%M" if same_day else formats[precision])
    if bool(row.get("approximate", False)):
        text = "around " + text
    return text


def minutes_between(earlier, later) -> int | None:
    """Whole minutes from one timed row to another; None unless both are dated to the minute."""
    if earlier["precision"] not in TIMED or later["precision"] not in TIMED:
        return None
    start = earlier["end_ts"] if not pd.isna(earlier["end_ts"]) else earlier["start_ts"]
    return int((later["start_ts"] - start).total_seconds() // 60)


def hours_minutes(minutes: int | None) -> str | None:
    """1185 -> "19 h 45 min"; None stays None."""
    if minutes is None:
        return None
    hours, rest = divmod(int(minutes), 60)
    return f"{hours} h {rest} min" if hours else f"{rest} min"


# ------------------------------------------------------------------ flights in the zone

def zone_visits(events: pd.DataFrame) -> pd.DataFrame:
    """One row per flight that has an entry and an exit row, linked by the exit's `entry_id`.

    `minutes` is the time in the zone, or None when either row is dated less finely than to the minute.
    An exit that names no entry, or names one that is not an `air-zone-entry` row, is an error in the data.
    """
    by_id = events.set_index("id", drop=False)
    rows = []
    for _, exit_row in events[events["category"] == "air-zone-exit"].iterrows():
        entry_id = exit_row["entry_id"]
        if pd.isna(entry_id) or entry_id not in by_id.index:
            raise ValueError(f"exit {exit_row['id']} names no entry row (entry_id={entry_id!r})")
        entry = by_id.loc[entry_id]
        if entry["category"] != "air-zone-entry":
            raise ValueError(f"exit {exit_row['id']} points at {entry_id}, which is not a zone entry")
        minutes = minutes_between(entry, exit_row)
        if minutes is not None and minutes < 0:
            raise ValueError(f"exit {exit_row['id']} is dated before its entry {entry_id}")
        rows.append({
            "entry_id": entry_id,
            "exit_id": exit_row["id"],
            "episode": entry["episode"],
            "actors": entry["actors"],
            "entry_ts": entry["start_ts"],
            "exit_ts": exit_row["start_ts"],
            "minutes": minutes,
            "approximate": bool(entry["approximate"]) or bool(exit_row["approximate"]),
            "entry_passage": entry["passage"],
            "exit_passage": exit_row["passage"],
        })
    columns = ["entry_id", "exit_id", "episode", "actors", "entry_ts", "exit_ts", "minutes", "approximate",
               "entry_passage", "exit_passage"]
    visits = pd.DataFrame(rows, columns=columns)
    visits["minutes"] = visits["minutes"].astype("object")  # None for untimed flights, not a made-up NaN number
    return visits.sort_values("entry_ts", kind="stable").reset_index(drop=True)


def _episode(events: pd.DataFrame, episode: str) -> pd.DataFrame:
    return events[events["episode"] == episode].sort_values("start_ts", kind="stable")


def launch_rows(events: pd.DataFrame, episode: str) -> pd.DataFrame:
    return _episode(events, episode).query("category == 'missile-launch'")


def flight_rows(events: pd.DataFrame, episode: str) -> pd.DataFrame:
    return _episode(events, episode).query("category in ['air-zone-entry', 'air-zone-exit']")


def launch_window_minutes(events: pd.DataFrame, episode: str) -> int | None:
    """Minutes from the first to the last launch of an episode, when the article gives both to the minute."""
    launches = launch_rows(events, episode)
    if launches.empty or (launches["precision"] != "minute").any():
        return None
    first = launches["start_ts"].min()
    last = launches["end_ts"].fillna(launches["start_ts"]).max()
    return int((last - first).total_seconds() // 60)


def last_flight_to_first_launch_minutes(events: pd.DataFrame, episode: str) -> int | None:
    """Minutes from the last flight row (entry or exit) of an episode to its first launch.

    None when either end is dated only to the day: "hours after" on the same day is not a number of minutes.
    """
    flights, launches = flight_rows(events, episode), launch_rows(events, episode)
    if flights.empty or launches.empty:
        return None
    last_flight = flights.assign(_end=flights["end_ts"].fillna(flights["start_ts"])).sort_values("_end").iloc[-1]
    first_launch = launches.iloc[0]
    return minutes_between(last_flight, first_launch)


def spans(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event with a flight's exit folded into its entry: what a chart draws as one mark.

    `end_ts` is the exit time for a flight, else the end of the stated period (a row dated to the day spans the
    day). `minutes` is the length when both ends are timed to the minute, else None. `when` gives the date in
    words with the exit time, and `passage` joins the entry's and the exit's passages.
    """
    visits = zone_visits(events).set_index("entry_id")
    rows = events[~events["id"].isin(visits["exit_id"])]
    out = []
    for _, row in rows.iterrows():
        span = {**row, "end_ts": row["period_end_ts"], "minutes": None, "when": when_text(row), "flight": False}
        if row["id"] in visits.index:
            visit = visits.loc[row["id"]]
            span.update(end_ts=visit["exit_ts"], minutes=visit["minutes"], flight=True,
                        approximate=visit["approximate"],
                        when=f"{span['when']}\u2013{'around ' if visit['approximate'] else ''}{visit['exit_ts']:%H:%M}",
                        passage=f"{visit['entry_passage']} {visit['exit_passage']}")
        elif row["precision"] in TIMED and not pd.isna(row["end_ts"]):
            span["minutes"] = int((row["end_ts"] - row["start_ts"]).total_seconds() // 60)
        out.append(span)
    frame = pd.DataFrame(out, columns=[*events.columns, "minutes", "when", "flight"])
    # Whole minutes or None: a float column would print 97 as "97.0" and invent NaN for "not timed".
    frame["minutes"] = pd.Series([span["minutes"] for span in out], dtype="object")
    return frame


# ------------------------------------------------------------------ the two episodes on one clock

def launch_day_start(events: pd.DataFrame, episode: str) -> pd.Timestamp:
    """00:00 (Korean time) of the day of the episode's first launch: the zero of the shared clock.

    The first launch itself cannot be the zero: in March the article gives its day but no time.
    """
    return launch_rows(events, episode)["start_ts"].min().normalize()


def episode_clock(events: pd.DataFrame, actors: pd.DataFrame, episode: str) -> pd.DataFrame:
    """The episode's events as spans of hours from the start of its launch day, one row per lane.

    A flight with entry and exit rows is one span from entry to exit. A row dated to the day spans the whole
    day (it happened some time in it); a row dated to the minute spans its stated start and end.
    """
    zero = launch_day_start(events, episode)
    rows = spans(events).query("episode == @episode").sort_values("start_ts", kind="stable")
    hours = lambda ts: (ts - zero).total_seconds() / 3600  # noqa: E731
    return pd.DataFrame([
        {"episode": episode, "event_id": row["id"], "label": label(row["id"]), "lane": lane,
         "precision": row["precision"], "when": row["when"], "from_hours": hours(row["start_ts"]),
         "to_hours": hours(row["end_ts"]), "minutes": row["minutes"], "passage": row["passage"]}
        for _, row in rows.iterrows() for lane in lanes_of(row["actors"], actors)
    ])


# ------------------------------------------------------------------ March and May, point by point

CONTEXT_CATEGORIES = ("war", "announcement", "summit", "travel", "diplomacy", "sanctions", "treaty")
CONTEXT_DAYS = 31  # the month before an episode: "exactly one month after the invasion"


def _country_names(actors: pd.DataFrame) -> dict[str, str]:
    states = actors[actors["kind"] == "state"]
    return dict(zip(states["country"], states["name"]))


def _parties(rows: pd.DataFrame, actors: pd.DataFrame) -> list[str]:
    country = dict(zip(actors["id"], actors["country"]))
    names = _country_names(actors)
    seen = []
    for ids in rows["actors"].dropna():
        for actor in ids.split(";"):
            name = names.get(country.get(actor), actor)
            if name not in seen:
                seen.append(name)
    return seen


def _who(row, actors: pd.DataFrame) -> str:
    return " + ".join(_parties(pd.DataFrame([row]), actors))


def _counts(assets: pd.DataFrame, rows: pd.DataFrame, names: dict[str, str]) -> str:
    counted = assets[assets["event_id"].isin(rows["id"])]
    if counted.empty:
        return "no count given"
    order = {event_id: i for i, event_id in enumerate(rows["id"])}
    counted = counted.assign(_order=counted["event_id"].map(order)).sort_values("_order", kind="stable")
    parts = []
    for _, asset in counted.iterrows():
        text = f"{asset['count']} {asset['platform']}" + ("s" if asset["count"] != 1 else "")
        if not pd.isna(asset["included_in"]):
            text = f"(of which {text})"
        else:
            text = f"{names.get(asset['country'], asset['country'])}: {text}"
        parts.append(text)
    return "; ".join(parts).replace("; (", " (")


def _kinds(rows: pd.DataFrame) -> str:
    counts = rows["category"].value_counts(sort=False)
    return ", ".join(f"{n} {category}" for category, n in counts.items())


def context_events(events: pd.DataFrame, episode: str) -> pd.DataFrame:
    """Dated diplomatic and war events (no episode of their own) in the month before and during an episode."""
    rows = _episode(events, episode)
    window_start = rows["start_ts"].min().normalize() - pd.Timedelta(days=CONTEXT_DAYS)
    window_end = rows["period_end_ts"].max()
    context = events[events["episode"].isna() & events["category"].isin(CONTEXT_CATEGORIES)]
    overlaps = (context["period_end_ts"] > window_start) & (context["start_ts"] < window_end)
    return context[overlaps].sort_values("start_ts", kind="stable")


def _durations(events: pd.DataFrame, episode: str) -> str | None:
    visits = zone_visits(events)
    minutes = visits.loc[visits["episode"] == episode, "minutes"].tolist()
    if not minutes or any(m is None for m in minutes):
        return None
    return "; ".join(f"{m} min" for m in minutes)


def _first_actions(events: pd.DataFrame, actors: pd.DataFrame, episode: str) -> list[list[str]]:
    """The countries in the order they first fly or fire; countries whose first acts share a day-precision date
    share a step, since the data cannot order them."""
    rows = _episode(events, episode)
    rows = rows[rows["category"].isin(["air-zone-entry", "missile-launch"])]
    steps, seen, last_key = [], set(), None
    for _, row in rows.iterrows():
        key = row["start_ts"].normalize() if row["precision"] == "day" else row["start_ts"]
        new = [c for c in _parties(pd.DataFrame([row]), actors) if c not in seen]
        if not new:
            continue
        seen.update(new)
        if steps and key == last_key and row["precision"] == "day":
            steps[-1] += new
        else:
            steps.append(new)
        last_key = key
    return steps


def _steps_text(steps: list[list[str]]) -> str:
    return " \u2192 ".join(" / ".join(step) + (" (same day, not timed)" if len(step) > 1 else "") for step in steps)


def _order_verdict(march: list[list[str]], may: list[list[str]]) -> str:
    """Same order, or an order the vaguer episode allows (its ties could resolve either way), or not."""
    if march == may:
        return "same"
    flat = [c for step in may for c in step]
    position = 0
    for step in march:
        if set(flat[position:position + len(step)]) != set(step):
            return "differs"
        position += len(step)
    return "consistent (March leaves a tie untimed)" if position == len(flat) else "differs"


def comparison_table(events: pd.DataFrame, actors: pd.DataFrame, assets: pd.DataFrame) -> pd.DataFrame:
    """March and May side by side, one numbered row per point of the article's "exactly mirror" claim.

    The verdict compares the two cells as the data give them: "same", "differs", or "cannot be compared" when
    one episode is not dated finely enough to have a value.
    """
    episodes = ["march-2022", "may-2022"]
    untimed = "no times given"

    def acting(episode):
        rows = _episode(events, episode)
        return rows[rows["category"].isin(["air-zone-entry", "air-zone-exit", "missile-launch"])]

    def parties(episode):
        found = set(_parties(acting(episode), actors))
        names = _country_names(actors)
        return ", ".join(n for n in (names.get(c) for c in LANE_OF_COUNTRY) if n in found) if found else ""

    def responses(episode):
        rows = _episode(events, episode).query("category == 'military-scramble'")
        return "; ".join(f"{label(r['id'])} ({when_text(r)})" for _, r in rows.iterrows()) or "none recorded"

    def kinds(episode):
        rows = _episode(events, episode).query("category in ['air-zone-entry', 'missile-launch']")
        return ", ".join(sorted(set(rows["category"])))

    def flights(episode):
        rows = _episode(events, episode).query("category == 'air-zone-entry'")
        return "; ".join(f"{_who(r, actors)}, {when_text(r)}" for _, r in rows.iterrows())

    def days(episode):
        rows = _episode(events, episode)
        return str(len(set(rows["start_ts"].dt.date)))

    def launch_days_after_first_flight(episode):
        first_flight = flight_rows(events, episode)["start_ts"].min().normalize()
        first_launch = launch_rows(events, episode)["start_ts"].min().normalize()
        return f"{(first_launch - first_flight).days} day(s) later"

    def gap_days(episode):
        last_flight = flight_rows(events, episode)["start_ts"].max().normalize()
        first_launch = launch_rows(events, episode)["start_ts"].min().normalize()
        days_apart = (first_launch - last_flight).days
        return "same day" if days_apart == 0 else f"{days_apart} day(s) later"

    def context(episode):
        rows = context_events(events, episode)
        return "; ".join(f"{label(r['id'])} ({when_text(r)})" for _, r in rows.iterrows())

    def timed(measure):
        return lambda episode: measure(episode) or untimed

    points = [
        ("Countries whose forces flew or fired", parties),
        ("Responses recorded", responses),
        ("Kinds of incident", kinds),
        ("Rows per kind in events.csv", lambda e: _kinds(_episode(events, e))),
        ("Flights into the KADIZ", flights),
        ("Aircraft and missiles counted", lambda e: _counts(assets, _episode(events, e), _country_names(actors))),
        ("Order of first acts by country", lambda e: _steps_text(_first_actions(events, actors, e))),
        ("Calendar days spanned", days),
        ("First launch after first flight", launch_days_after_first_flight),
        ("Finest precision of the dates", lambda e: _finest(_episode(events, e))),
        ("Minutes in the zone, per flight", timed(lambda e: _durations(events, e))),
        ("Last flight to first launch", lambda e: hours_minutes(last_flight_to_first_launch_minutes(events, e))
         or f"{gap_days(e)}; {untimed}"),
        ("Launch window", timed(lambda e: hours_minutes(launch_window_minutes(events, e)))),
        ("Diplomatic and war context (month before)", context),
    ]
    rows = []
    for number, (point, measure) in enumerate(points, start=1):
        march, may = (measure(e) for e in episodes)
        if untimed in march or untimed in may:
            verdict = "cannot be compared"
        elif point.startswith("Order"):
            verdict = _order_verdict(*(_first_actions(events, actors, e) for e in episodes))
        else:
            verdict = "same" if march == may else "differs"
        rows.append({"No.": number, "Point": point, "March 2022": march, "May 2022": may, "In the data": verdict})
    return pd.DataFrame(rows)


def _finest(rows: pd.DataFrame) -> str:
    return min(rows["precision"], key=PRECISIONS.index)


# ------------------------------------------------------------------ the voices

STANCES = ["coordinated", "not-coordinated", "uncertain", "not-about-it"]


def speaker_name(speaker) -> str:
    """The speaker as the report names them: the printed name, or the role marked as unnamed."""
    if not pd.isna(speaker["name"]):
        return speaker["name"]
    return f"{speaker['role']} (unnamed)"


def speaker_table(speakers: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted: name (or unnamed role), role and affiliation, the article's description, statements."""
    statements = quotes["speaker_id"].value_counts()
    role_and_affiliation = [
        "; ".join(part for part in (s["role"], s["affiliation"]) if not pd.isna(part)) for _, s in speakers.iterrows()
    ]
    table = pd.DataFrame({
        "speaker_id": speakers["id"],
        "Speaker": [speaker_name(s) for _, s in speakers.iterrows()],
        "Role; affiliation": role_and_affiliation,
        "Described as": speakers["description"],
        "Country": speakers["country"].fillna("not given"),
        "Statements": speakers["id"].map(statements).fillna(0).astype(int),
    })
    return table.sort_values(["Statements", "Speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)


def in_words(names) -> str:
    """["A", "B", "C"] -> "A, B and C"."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def stance_counts(quotes: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """Statements per speaker and stance (one column per stance, every stance present, zeros included)."""
    names = {s["id"]: speaker_name(s) for _, s in speakers.iterrows()}
    table = pd.crosstab(quotes["speaker_id"].map(names), quotes["stance"])
    table = table.reindex(columns=STANCES, fill_value=0)
    table.index.name, table.columns.name = "speaker", None
    return table.sort_values(STANCES, ascending=False)


def stance_summary(quotes: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """For each speaker who says anything on coordination: what they lean to, and about whom."""
    about = quotes[quotes["stance"] != "not-about-it"]
    names = {s["id"]: speaker_name(s) for _, s in speakers.iterrows()}
    rows = []
    for speaker_id, group in about.groupby("speaker_id", sort=False):
        rows.append({
            "Speaker": names[speaker_id],
            "Stances": ", ".join(f"{s} ({n})" for s, n in group["stance"].value_counts().reindex(STANCES).dropna().astype(int).items()),
            "About": ", ".join(dict.fromkeys(group["coordination_of"].dropna())),
        })
    return pd.DataFrame(rows)


def quote_table(quotes: pd.DataFrame, speakers: pd.DataFrame, takes_stance: bool | None = None) -> pd.DataFrame:
    """Statements in article order, verbatim, numbered through the whole article, with speaker, mode and stance.

    `takes_stance` keeps only the statements that take a stance on coordination (True) or only those that do not
    (False); the numbers stay those of the whole article, so both tables point at the same statement numbers.
    """
    names = {s["id"]: speaker_name(s) for _, s in speakers.iterrows()}
    table = pd.DataFrame({
        "No.": range(1, len(quotes) + 1),
        "Speaker": quotes["speaker_id"].map(names).to_numpy(),
        "Coded as": (quotes["mode"] + "; " + quotes["stance"]).to_numpy(),
        "Passage (verbatim)": quotes["passage"].to_numpy(),
    })
    if takes_stance is not None:
        table = table[(quotes["stance"] != "not-about-it").to_numpy() == takes_stance]
    return table.reset_index(drop=True)


def anonymity_table(speakers: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The unnamed sources, their statements and the reason the article gives for not naming them."""
    unnamed = speakers[speakers["anonymous"].astype(bool)]
    statements = quotes["speaker_id"].value_counts()
    return pd.DataFrame({
        "Source": [speaker_name(s) for _, s in unnamed.iterrows()],
        "Statements": unnamed["id"].map(statements).fillna(0).astype(int).to_numpy(),
        "Reason for anonymity": unnamed["anonymity_reason"].fillna("none given in the article").to_numpy(),
    })
