"""Each verdict has its own address on the records page, its claim id: a reader who opens a shared link
(chapters/records.html#<claim-id>) lands on that verdict, its rating and claim in view at the top of the screen,
on a desktop and on a phone."""

import pytest

from kadiz import data, verdicts
from tests.views import DESKTOP, PHONE

PAGE = "chapters/records.html"


def _claims():
    d = data.load()
    ids = list(d.verdicts["claim_id"])
    # The first and last verdicts of the table, the one on Neill's "twice", and one from each end of the page (the
    # page shows the verdicts grouped by rating, so table order and page order differ).
    return list(dict.fromkeys([ids[0], ids[len(ids) // 2], ids[-1], "happened-twice", "mild-interest"]))


@pytest.fixture(scope="module")
def shown():
    d = data.load()
    return verdicts.shown(d.claims, d.verdicts, d.records).set_index("claim_id")


@pytest.mark.parametrize("view", [DESKTOP, PHONE], ids=lambda v: v.name)
@pytest.mark.parametrize("claim_id", _claims())
def test_a_shared_link_opens_the_page_at_its_verdict(browser, site_url, shown, view, claim_id):
    page = browser.new_page()
    try:
        page.set_viewport_size(view.viewport)
        page.goto(f"{site_url}/{PAGE}#{claim_id}", wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        box = page.locator(f"[id='{claim_id}']")
        assert box.count() == 1, f"no element has the id {claim_id}"
        title = box.locator(".admonition-title")
        # The reader sees the verdict's title (its rating, claim and confidence): on screen, and not under the
        # page's fixed header, at the point where it begins.
        expected = verdicts.verdict_title(shown.loc[claim_id, "claim"], shown.loc[claim_id])
        assert title.inner_text().strip() == expected
        seen = page.evaluate("""(el) => {
            const r = el.getBoundingClientRect();
            const x = r.left + Math.min(20, r.width / 2), y = r.top + r.height / 2;
            const hit = document.elementFromPoint(x, y);
            return {top: r.top, bottom: r.bottom, height: innerHeight, on_top: !!hit && el.contains(hit)};
        }""", title.element_handle())
        assert 0 <= seen["top"] and seen["bottom"] <= seen["height"], seen
        assert seen["on_top"], f"the verdict's title is covered: {seen}"
    finally:
        page.close()
