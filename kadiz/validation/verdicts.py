"""Rules on the verdicts: each rests on a source, and every claim that needs a verdict has one."""

from kadiz.validation.problems import Problem, Table, rule

# Every claim that some outside record could check (`checkable_against` other than "none") must have a verdict in
# verdicts.csv, even where nothing on file speaks to it: that verdict then reads "cannot be settled" and says why,
# so a reader sees what the report did not check instead of finding the claim silently left out.
NOT_CHECKABLE = "none"

NO_SOURCE = rule("Verdicts", "A verdict cites a source (its own `source_ids` or those of its `record_ids`), unless "
                 "it is `cannot-be-settled`.", 'verdict "{verdict}" cites no source (give source_ids or record_ids; '
                 'only cannot-be-settled may cite none)')
NO_VERDICT = rule("Verdicts", "Every claim checkable against an outside record has a verdict.",
                  'claim "{claim}" is checkable against {checkable_against} but has no verdict in verdicts.csv')
NO_VERDICT_FOR_RECORD = rule("Verdicts", "Every claim a row of records.csv checks has a verdict.",
                             'claim "{claim}" is checked by a row of external/records.csv but has no verdict in '
                             'verdicts.csv')


def check_verdicts(tables: dict[str, Table]) -> list[Problem]:
    """Every verdict rests on a source (its own or its records'), and every claim that needs a verdict has one.

    The exception: a `cannot-be-settled` verdict may cite nothing, because its reason says why no source can
    settle the claim. Ids that do not resolve are reported by check_references and the schema; here they simply
    bring no source.
    """
    if "verdicts" not in tables:
        return []
    t = tables["verdicts"]
    problems = []
    record_sources = {}
    if "records" in tables:
        record_sources = {r.get("id"): set(filter(None, r.get("source_ids", "").split(";")))
                          for _, r in tables["records"].rows}
    for line, row in t.rows:
        sources = set(filter(None, row.get("source_ids", "").split(";")))
        for ref in filter(None, row.get("record_ids", "").split(";")):
            sources |= record_sources.get(ref, set())
        if not sources and row.get("verdict") != "cannot-be-settled":
            problems.append(NO_SOURCE.at(t.path, line, "source_ids", verdict=row.get("verdict")))
    if "claims" not in tables:
        return problems
    judged = {row.get("claim_id") for _, row in t.rows}
    checked = {r.get("claim_id") for _, r in tables["records"].rows} if "records" in tables else set()
    for line, row in tables["claims"].rows:
        claim = row.get("id")
        if claim in judged:
            continue
        if row.get("checkable_against") != NOT_CHECKABLE:
            problems.append(NO_VERDICT.at(tables["claims"].path, line, "id", claim=claim,
                                          checkable_against=row["checkable_against"]))
        elif claim in checked:
            problems.append(NO_VERDICT_FOR_RECORD.at(tables["claims"].path, line, "id", claim=claim))
    return problems
