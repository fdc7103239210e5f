"""Time the validator on a copy of the data with many extra valid rows (a benchmark of its speed).

    .venv/bin/python scripts/validate_many_rows.py [N]     # N extra rows, default 20000

The extra rows are copies of valid rows under new ids: three quarters in events.csv (each with its passage, so
every check runs on them), a quarter in actors.csv. Every check reads them all; the folder is then refused for its
size alone (the report prints up to kadiz.validation.sizes.MAX_ROWS rows a table), one problem per table over the
limit, which is the expected verdict. Prints the time and the verdict; exits 1 on any other problem.
"""

import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kadiz.paths import DATA
from kadiz.validate import check
from kadiz.validation.sizes import TOO_MANY_ROWS, MAX_ROWS

TOO_LONG = TOO_MANY_ROWS.message.format(number=MAX_ROWS + 1, limit=MAX_ROWS)

SHARES = {"events.csv": 3, "actors.csv": 1}  # parts of N


def add_rows(folder: Path, n: int) -> None:
    """Append n valid rows to the data folder `folder`, copies of its own rows under new ids."""
    whole = sum(SHARES.values())
    for path, share in SHARES.items():
        with open(folder / path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        templates = [r for r in rows if not r.get("entry_id")]
        extra = []
        for i in range(n * share // whole):
            row = dict(templates[i % len(templates)], id=f"{templates[i % len(templates)]['id']}-copy-{i}")
            extra.append(row)
        with open(folder / path, "a", newline="", encoding="utf-8") as fh:
            csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n").writerows(extra)


def timed(n: int) -> tuple[float, int, list]:
    """Seconds to validate data/ plus n extra rows, the number of rows, and the problems found."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = shutil.copytree(DATA, Path(tmp) / "data")
        add_rows(folder, n)
        start = time.perf_counter()
        tables, problems = check(folder)
        return time.perf_counter() - start, sum(len(t.rows) for t in tables.values()), problems


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 20000
    seconds, rows, problems = timed(n)
    print(f"{rows} rows ({n} extra): {len(problems)} problem(s), validated in {seconds:.1f} s")
    others = [p for p in problems if p.message != TOO_LONG]
    for p in (others or problems)[:10]:
        print(p)
    return 1 if others or not problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
