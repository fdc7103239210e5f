"""sitemap.xml lists every page of the book, also after a build that wrote only the pages that changed.

sphinx-sitemap collects the pages as they are written, so an incremental build lists only the changed ones
(jdillard/sphinx-sitemap#13, open in 2.9.0). Before it writes the file, its queue is filled with every page in the
order a full build writes them (the book's pages by name, then the pages Sphinx adds, such as search).
"""

import queue

from sphinx_sitemap import is_excluded


def _every_page(app, exception) -> None:
    links = getattr(app.env.app, "sitemap_links", None)
    if exception is not None or links is None or app.builder.format != "html":
        return
    written = []
    while True:
        try:
            written.append(links.get_nowait())
        except queue.Empty:
            break
    suffix = app.config.html_file_suffix or ".html"
    pages = [(doc + suffix, None) for doc in sorted(app.env.found_docs)
             if not is_excluded(doc + suffix, app.config.sitemap_excludes)]
    dated = dict(written)  # a page written now keeps the date sphinx-sitemap gave it
    listed = {link for link, _ in pages}
    for link, _ in pages:
        links.put((link, dated.get(link)))
    for entry in written:
        if entry[0] not in listed:
            links.put(entry)


def setup(app):
    app.connect("build-finished", _every_page, priority=499)  # sphinx-sitemap writes the file at 500
    return {"parallel_read_safe": True, "parallel_write_safe": True}
