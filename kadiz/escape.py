"""Text from the data made inert for the place it lands in a page.

Inside a ``<script>`` element the HTML parser ends the element at the first ``</script`` whatever the JSON says,
and ``<!--`` changes how it reads on; U+2028 and U+2029 end a line in older JavaScript parsers. Written as JSON
``\\uXXXX`` escapes, ``<``, ``>``, ``&`` and those two characters keep the text inert and the JSON equal.
(MyST tables escape their own way: kadiz.tables.escape.)
"""

import json

_SCRIPT_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}


def script_json(value) -> str:
    """``value`` as compact JSON that is safe inside an HTML ``<script>`` element: no ``<``, ``>`` or ``&`` remains."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def csv_text(value) -> str:
    """A cell for a published CSV: text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
    leading apostrophe, which spreadsheets read as "this is text"; numbers, signed ones too, stay as they are."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text
