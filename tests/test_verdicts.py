"""The verdicts as the chapter shows them: every verdict listed with all its sources, the tally complete."""

from kadiz import data, verdicts


def test_every_verdict_is_listed_with_a_citation():
    d = data.load()
    listed = verdicts.cited_list(d.claims, d.verdicts, d.records).splitlines()
    assert len(listed) == len(d.verdicts)
    assert all("{cite:p}`" in line for line in listed)  # no verdict on file rests on no source


def test_sources_of_a_verdict_include_those_of_its_records():
    d = data.load()
    cited = verdicts.sources_of(d.verdicts, d.records)
    row = d.verdicts.index[d.verdicts["claim_id"] == "nov-11-2021-sorties"][0]
    assert cited[row] == ["chinamil2021third", "yonhap2021kadiz"]  # through the record third-joint-patrol-date
    assert set().union(*map(set, cited)) <= set(d.sources["id"])


def test_table_and_tally_cover_every_verdict():
    d = data.load()
    table = verdicts.table(d.claims, d.verdicts, d.records, d.sources)
    assert len(table) == len(d.verdicts) and table["Sources"].str.len().gt(0).all()
    tally = verdicts.tally(d.verdicts)
    assert list(tally) == verdicts.VERDICTS and sum(tally.values()) == len(d.verdicts)
