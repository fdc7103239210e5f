"""Offer the whole report as a PDF from every page's download menu.

`make book` copies the PDF that the LaTeX build makes to ``_static/`` of the site under PDF_NAME.
The theme's own ".pdf" entry only prints the current page with the browser, so it is replaced.
"""

PDF_NAME = "kadiz-report.pdf"


def _add_pdf_button(app, pagename, templatename, context, doctree) -> None:
    if "header_buttons" not in context:
        return
    button = {
        "type": "link",
        "url": context["pathto"](f"_static/{PDF_NAME}", 1),
        "text": "Report (PDF)",
        "tooltip": "Download the whole report as a PDF",
        "icon": "fas fa-file-pdf",
        "label": "download-report-pdf-button",
    }
    for group in context["header_buttons"]:
        if group.get("label") == "download-buttons":
            others = [b for b in group["buttons"] if b.get("label") != "download-pdf-button"]
            group["buttons"] = [button, *others]
            return
    # A page with no source of its own (search) has no download menu: it gets one, with the PDF alone, in the
    # place and the look every other page has.
    context["header_buttons"].insert(0, {"type": "group", "tooltip": "Download", "icon": "fas fa-download",
                                         "buttons": [button], "label": "download-buttons"})


def setup(app):
    # sphinx-book-theme fills the header buttons at priority 501; this runs after it.
    app.connect("html-page-context", _add_pdf_button, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
