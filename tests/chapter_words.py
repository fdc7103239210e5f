"""The chapters' own words, as the print and edition checks look for them: MyST roles and directive options are
markup, and a stretch of plain words is what every format (HTML, LaTeX, PDF text, JSON) writes the same way."""

import re

ROLE = re.compile(r"\{[a-z:-]+\}`[^`]*`")
OPTION = re.compile(r"^:[a-z-]+:.*$", re.M)
PLAIN_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.;]*[A-Za-z0-9]")
