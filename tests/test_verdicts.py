"""The verdicts read their sources right, follow the published rubric, and are shown with rating, confidence, the
source's words and the sources; the rubric and the data name the same ratings."""

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from kadiz import data, tables, verdicts
from kadiz.paths import DATA, ROOT

CNS_FILE = DATA / "external" / "nk-missile-tests" / "test.en.json"
CNS = {"nagixnkmissiletests", "cnsntimissiledb"}


@pytest.fixture(scope="module")
def d():
    return data.load()


@pytest.fixture(scope="module")
def verdict(d):
    return d.verdicts.set_index("claim_id")


@pytest.fixture(scope="module")
def cns_descriptions():
    tests = json.loads(CNS_FILE.read_text(encoding="utf-8"))
    return {(t["date"], t["time"]): t["description"] for b in tests["timeBins"] for t in b["data"]}


def _sources(d, claim_id):
    row = d.verdicts.index[d.verdicts["claim_id"] == claim_id][0]
    return set(verdicts.sources_of(d.verdicts, d.records)[row])


# ----------------------------------------------------------------------- the verdicts read their sources right
def test_suspected_icbm_is_supported_by_the_cns_description(d, verdict, cns_descriptions):
    # The first missile of 25 May 2022 KST is stored at 21:00 UTC on 24 May; its type field reads "unknown", but its
    # description carries the two governments' belief that it was a failed ICBM test.
    v = verdict.loc["may25-suspected-icbm"]
    assert v["verdict"] == "supported"
    description = cns_descriptions[("2022-05-24", "21:00 (UTC)")]
    assert v["source_quote"] in description and "failed ICBM test" in v["source_quote"]
    first = d.missiles[d.missiles["kst_ts"].dt.strftime("%Y-%m-%d %H:%M") == "2022-05-25 06:00"].iloc[0]
    assert first["missile_id"] == "unknown"  # why reading the type field alone gave the wrong verdict
    assert CNS <= _sources(d, "may25-suspected-icbm")


def test_first_icbm_since_2017_is_supported_with_the_failed_attempt_as_caveat(d, verdict, cns_descriptions):
    v = verdict.loc["first-long-range-test-since-2017"]
    assert v["verdict"] == "supported-with-caveat"
    assert v["source_quote"] in cns_descriptions[("2022-03-24", "05:34 (UTC)")]
    # The caveat is the failed Hwasong-17 of 16 March 2022 (00:30 UTC = 09:30 KST), eight days before.
    failed = cns_descriptions[("2022-03-16", "00:30 (UTC)")]
    assert "failed shortly after liftoff" in failed and "16 March" in v["reason"] and "eight days" in v["reason"]


def test_every_source_quote_is_found_where_it_is_said_to_come_from(d):
    """A quote of the CNS data is in the stored CNS file; any other is in the words recorded with the verdict's own
    records and sources (their subject, note or title), which carry what the source was read to say."""
    tests = json.loads(CNS_FILE.read_text(encoding="utf-8"))
    descriptions = " ".join(t["description"] for b in tests["timeBins"] for t in b["data"])
    records, sources = d.records.set_index("id"), d.sources.set_index("id")
    cited = verdicts.sources_of(d.verdicts, d.records)
    from_cns = 0
    for index, v in d.verdicts[d.verdicts["source_quote"].notna()].iterrows():
        quote = v["source_quote"]
        own_records = [] if pd.isna(v["record_ids"]) else v["record_ids"].split(";")
        recorded = " ".join(str(x) for x in [*records.loc[own_records, ["subject", "note"]].to_numpy().ravel(),
                                              *sources.loc[cited[index], ["title", "note"]].to_numpy().ravel()])
        if quote in descriptions and CNS & set(cited[index]):
            from_cns += 1
        else:
            assert quote in recorded, f"{v['claim_id']}: {quote!r} is in none of its sources' recorded words"
    assert from_cns >= 5  # the ICBM of 25 May, the first ICBM since 2017, January's missiles, the launch times...


def test_airspace_claim_is_settled_for_korea_only(verdict):
    v = verdict.loc["airspace-not-penetrated"]
    assert v["verdict"] == "supported-with-caveat"
    assert v["source_quote"] == "None of the planes violated South Korea's territorial airspace"
    assert "Japan" in v["reason"]


def test_nineteen_tests_is_not_reproduced_and_names_the_counts(verdict):
    v = verdict.loc["nineteen-tests-2022"]
    assert v["verdict"] == "not-reproduced"
    assert "counting rules" in v["reason"]


def test_a_value_worked_out_from_a_source_is_consistency_not_confirmation(d, verdict):
    """The independence rule: every verdict resting on a record whose value was worked out is at most consistent."""
    worked_out = set(d.records.loc[d.records["note"].fillna("").str.contains("Worked out"), "id"])
    assert {"jcs-2022-05-24-joint-entry", "icbm-2022-03-24-flight-time"} <= worked_out
    assert verdict.loc["joint-entry-time", "verdict"] == "consistent"
    # 10:15 less 17 minutes is 09:58, the article's time: it agrees, and it was computed, not observed.
    entry = d.records.set_index("id").loc["jcs-2022-05-24-joint-duration"]
    assert (entry["end_ts"] - pd.Timedelta(minutes=int(entry["value"]))).strftime("%H:%M") == "09:58"
    for claim in ("biden-three-days-korea", "launches-hours-after-biden"):
        assert verdict.loc[claim, "verdict"] == "consistent", claim


def test_japans_six_bombers_settle_the_tu95_not_the_four_russian_aircraft(verdict, d):
    assert "dailydefense2022bombers" not in _sources(d, "joint-russian-count")
    assert verdict.loc["joint-tu95-count", "verdict"] == "supported"
    assert "japantimes2022bombers" in _sources(d, "joint-tu95-count")
    assert d.records.set_index("id").loc["japan-2022-05-24-bombers", "value"] == "4 H-6; 2 Tu-95"


def test_march_finding_is_shared_and_counted_once(d, verdict):
    march = ["march-flypasts-joint", "exact-mirror-march", "near-identical-patterns"]
    assert verdict.loc[march, "finding"].nunique() == 1 and verdict.loc[march, "finding"].notna().all()
    found = verdicts.findings(d.verdicts)
    assert len(found) == len(d.verdicts) - 2  # three verdicts, one finding
    row = found.set_index("finding").loc[verdict.loc["march-flypasts-joint", "finding"]]
    assert row["claims"] == 3 and row["confidence"] == "medium"
    # Only one of the three is "contradicted"; the other two compare more than the joint flights and are mixed.
    assert list(verdict.loc[march, "verdict"]) == ["contradicted", "mixed", "mixed"]


def test_both_accounts_of_march_are_given(d, verdict):
    records = d.records.set_index("id")
    kbs, relay = records.loc["kbs-2022-03-23-chinese-aircraft"], records.loc["relay-2022-03-23-chinese-aircraft"]
    assert "East Sea" in kbs["subject"] and "Ieodo" in relay["subject"] and relay["confidence"] == "low"
    for claim in ("march-flypasts-joint", "mar23-chinese-flights"):
        reason = verdict.loc[claim, "reason"]
        assert "KBS World" in reason and "relayed" in reason, claim
    # Only the relayed account times the Russian flight: 11:00 against the ICBM at 14:34 is 3 h 34 min.
    hours_after = verdict.loc["icbm-hours-after-russian-flights"]
    assert hours_after["verdict"] == "consistent" and hours_after["confidence"] == "low"
    gap = records.loc["jcs-2022-03-24-icbm-launch", "start_ts"] - records.loc["relay-2022-03-24-russian-aircraft", "start_ts"]
    assert gap == pd.Timedelta(hours=3, minutes=34)


def test_treaty_claim_is_mixed(verdict):
    v = verdict.loc["china-russia-no-treaty"]
    assert v["verdict"] == "mixed" and "2001" in v["reason"] and "alliance" in v["reason"]


# ----------------------------------------------------------------------------------- the rubric is applied
def test_every_checkable_claim_has_a_verdict(d):
    checkable = d.claims[d.claims["checkable_against"] != "none"]
    assert set(checkable["id"]) == set(d.verdicts["claim_id"])
    for claim in ("korea-scrambled", "kishi-grave-concern", "china-russia-no-treaty", "timing-far-from-coincidental",
                  "coordination-upgrading", "mild-interest"):
        assert claim in set(d.verdicts["claim_id"]), claim


def test_no_verdict_is_more_confident_than_its_best_record(d):
    rank = {c: i for i, c in enumerate(verdicts.CONFIDENCES)}  # high = 0
    confidence = dict(zip(d.records["id"], d.records["confidence"]))
    # Sources cited directly carry no confidence of their own; the check covers verdicts that rest on records alone.
    for v in d.verdicts[d.verdicts["source_ids"].isna()].itertuples():
        ids = [] if pd.isna(v.record_ids) else v.record_ids.split(";")
        if ids:
            assert rank[v.confidence] >= min(rank[confidence[i]] for i in ids), v.claim_id


def test_a_verdict_on_nothing_cannot_settle_and_is_low(d):
    cited = verdicts.sources_of(d.verdicts, d.records)
    for index, v in d.verdicts.iterrows():
        if not cited[index]:
            assert v["verdict"] == "cannot-be-settled" and v["confidence"] == "low", v["claim_id"]


def test_rubric_page_and_schema_name_the_same_ratings():
    schema = json.loads((DATA / "schemas" / "verdicts.schema.json").read_text(encoding="utf-8"))
    enum = next(f for f in schema["fields"] if f["name"] == "verdict")["constraints"]["enum"]
    assert enum == list(verdicts.RATINGS)
    rubric = (ROOT / "chapters" / "rubric.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\* - (.+)$", rubric, flags=re.M)[1:]  # the list-table's first column, header left out
    assert rows == list(verdicts.RATINGS.values())
    assert "independence rule" in rubric.lower() and "confidence" in rubric.lower()


# ------------------------------------------------------------------------------------- how they are shown
def test_every_verdict_is_in_the_section_of_its_rating_with_confidence_and_citation(d):
    sections = verdicts.rating_sections(verdicts.shown(d.claims, d.verdicts, d.records))
    assert list(sections) == list(verdicts.RATINGS)
    cited = verdicts.sources_of(d.verdicts, d.records)
    claim_of = d.claims.set_index("id")["claim"]
    for index, v in d.verdicts.iterrows():
        text = sections[v["verdict"]]
        rating = verdicts.RATINGS[v["verdict"]]
        title = tables.escape(f"{rating[0].upper()}{rating[1:]}: {claim_of[v['claim_id']].rstrip('.')}. "
                              f"Confidence: {v['confidence']}.")
        group = next(g for g, ratings in verdicts.RATING_GROUPS.items() if v["verdict"] in ratings)
        assert f":::{{admonition}} {title}\n:class: dropdown verdict {verdicts.GROUP_CLASSES[group]}\n" in text, \
            v["claim_id"]
        assert sum(s.count(f"{{admonition}} {title}\n") for s in sections.values()) == 1
        detail = text[text.index(title):].split("\n:::", 1)[0]
        assert tables.escape(v["reason"]) in detail
        assert ("{cite:p}`" + ",".join(cited[index]) + "`" if cited[index] else "**Sources:** none on file") in detail
        # Each box is named by its claim id, its address on the page (kadiz.verdicts.anchor), right below its class.
        assert f":class: dropdown verdict {verdicts.GROUP_CLASSES[group]}\n:name: {v['claim_id']}\n" in detail
    # Apart from the boxes' addresses, the claim ids stay in the data: no reader meets one.
    for text in sections.values():
        readable = re.sub(r"^:name: .*$", "", text, flags=re.M)
        assert not [c for c in d.claims["id"] if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", readable)]


def test_a_rating_section_counts_its_verdicts_by_confidence(d):
    sections = verdicts.rating_sections(verdicts.shown(d.claims, d.verdicts, d.records))
    tally = verdicts.tally(d.verdicts)
    for rating, text in sections.items():
        first = text.split("\n", 1)[0]
        if tally[rating] == 0:
            assert first == "No verdict has this rating."
        else:
            assert first.startswith(f"{tally[rating]} verdict"), first
            assert text.count(":::{admonition}") == text.count(":class: dropdown") == tally[rating]


def test_a_verdict_reads_literally_whatever_its_text_holds():
    # A hand-made verdict whose words would be markup: they print as written, inside one dropdown.
    hostile = '</script> *emph* [link](x) {x} $x$ ::: `y` | & "q"'
    verdict = pd.Series({"verdict": "contradicted", "confidence": "low", "reason": "Reason " + hostile, "source_quote": "Quote " + hostile,
                         "cited": ["kbsworld2022may", "japantimes2022bombers"]})
    text = verdicts.verdict_markdown("A claim " + hostile + ".", verdict)
    lines = text.split("\n")
    assert lines[0] == ":::{admonition} " + tables.escape(f"Contradicted: A claim {hostile}. Confidence: low.")
    assert lines[1] == ":class: dropdown verdict verdict-falls-short"
    assert lines[-1] == ":::" and text.count("\n:::") == 1
    assert f"**What the records say:** {tables.escape('Reason ' + hostile)}" in lines
    assert f"**In the source's words:** “{tables.escape('Quote ' + hostile)}”" in lines
    assert "**Sources:** {cite:p}`kbsworld2022may,japantimes2022bombers`" in lines
    no_quote = verdicts.verdict_markdown("Claim", pd.Series({**verdict.to_dict(), "source_quote": None, "cited": []}))
    assert "source's words" not in no_quote and "**Sources:** none on file" in no_quote


def test_records_chapter_has_one_section_per_rating_in_the_rubrics_order():
    """The chapter's headings are written in it; they must name the rubric's ratings, in order, each with its
    glued section."""
    chapter = json.loads((ROOT / "chapters" / "records.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in chapter["cells"] if c["cell_type"] == "markdown")
    found = re.findall(r"^### (.+)\n\n```\{glue:md\} records-verdicts-([a-z-]+)$", text, flags=re.M)
    assert [key for _, key in found] == list(verdicts.RATINGS)
    assert [title.lower() for title, _ in found] == list(verdicts.RATINGS.values())


def test_sources_of_a_verdict_include_those_of_its_records(d):
    cited = verdicts.sources_of(d.verdicts, d.records)
    row = d.verdicts.index[d.verdicts["claim_id"] == "nov-11-2021-sorties"][0]
    assert cited[row] == ["chinamil2021third", "yonhap2021kadiz"]  # through the record third-joint-patrol-date
    assert set().union(*map(set, cited)) <= set(d.sources["id"])


def test_table_shows_rating_confidence_words_and_sources(d):
    table = verdicts.table(d.claims, d.verdicts, d.records, d.sources)
    assert list(table.columns) == ["Claim", "Rating", "Confidence", "In the source's words", "What the records say",
                                   "Sources"]
    assert len(table) == len(d.verdicts) and table["Sources"].str.len().gt(0).all()
    icbm = table[(d.verdicts["claim_id"] == "may25-suspected-icbm").to_numpy()].iloc[0]
    assert icbm["Rating"] == "supported" and icbm["In the source's words"].startswith("“The South Korean and US")


def test_tally_and_rating_table_cover_every_verdict(d):
    tally = verdicts.tally(d.verdicts)
    assert list(tally) == list(verdicts.RATINGS) and sum(tally.values()) == len(d.verdicts)
    ratings = verdicts.rating_table(d.verdicts)
    assert ratings["Verdicts"].sum() == len(d.verdicts)
    per_level = ratings[["High confidence", "Medium confidence", "Low confidence"]].sum(axis=1)
    assert (per_level == ratings["Verdicts"]).all()


def test_findings_on_a_hand_made_table():
    frame = pd.DataFrame({"claim_id": ["a", "b", "c", "d"], "verdict": ["contradicted", "mixed", "mixed", "supported"],
                          "confidence": ["medium", "low", "medium", "high"], "finding": ["f", "f", "f", None]})
    found = verdicts.findings(frame).set_index("finding")
    assert len(found) == 2
    assert found.loc["f", "claims"] == 3 and found.loc["f", "confidence"] == "low"
    assert found.loc["f", "ratings"] == "contradicted;mixed"


def test_accounts_table_keeps_each_records_precision(d):
    table = verdicts.accounts_table(d.records, d.sources, ["kbs-2022-03-24-russian-aircraft",
                                                           "relay-2022-03-24-russian-aircraft"])
    assert list(table["When"]) == ["24 March 2022", "around 24 March 2022, 11:00"]
    assert list(table["Confidence"]) == ["medium", "low"]


def test_article_passages_of_the_new_claims_are_verbatim():
    text = (DATA / "source" / "000_3ecf4f42f1786e72.txt").read_text(encoding="utf-8")
    assert "the timing of the events looks far from coincidental" in text
    assert "the news generated only mild interest" in text
    assert "look to be upgrading their own military coordination" in text


def test_the_changelogs_table_of_changed_verdicts_gives_their_ratings_as_the_data_do(d):
    """The corrections page lists each verdict a release changed, linked to its address on the records page (the
    claim id), with its rating and confidence then. The newest release that changed verdicts gives them as they
    are now (a later release changed none): those must be the data's."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    changed = [rows for release in changelog.split("\n## ")[1:]
               if (rows := re.findall(r"^\* - \{ref\}`[^`]*<([a-z0-9-]+)>`\n  - (.+)\n  - (.+)\n", release, flags=re.M))]
    assert changed, "no release lists a changed verdict"
    rows = changed[0]
    by_claim = d.verdicts.set_index("claim_id")
    for claim_id, _, now in rows:
        v = by_claim.loc[claim_id]
        assert now.startswith(f"{verdicts.RATINGS[v['verdict']]}; {v['confidence']}"), (claim_id, now)
