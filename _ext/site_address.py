"""The site's address is written once, as ``html.baseurl`` in _config.yml; the Open Graph cards take it from there.

sphinx-sitemap and the report's own links (the citation, the PDF's download addresses) read ``html_baseurl``;
sphinxext-opengraph has a setting of its own, ``ogp_site_url``, which is filled in from it.
"""


def _share_address(app, config):
    if not config.html_baseurl:
        raise ValueError("_config.yml: html.baseurl, the address the site is published at, is not set")
    config.ogp_site_url = config.html_baseurl


def setup(app):
    app.connect("config-inited", _share_address)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
