// The site's one stylesheet (_ext/one_stylesheet.py) without the rules that can match nothing on the site, read on
// standard input and written to standard output:  node _ext/used_rules.mjs SITE < joined.css > used.css
//
// PurgeCSS keeps a rule when every class, id, element and attribute its selector names is a word of the site's pages
// or scripts (a script may add a class as the reader uses the page); @font-face, @keyframes and custom properties are
// all kept, and so are the book's own stylesheets, which one_stylesheet.py marks to be left whole. Most of the
// theme's stylesheet is Bootstrap's, nearly all of it unused: a phone parsed and matched thousands of rules for a
// page that uses a few hundred.
import { readFileSync } from "node:fs";
import { PurgeCSS } from "purgecss";

const site = process.argv[2];
const [result] = await new PurgeCSS().purge({
  content: [`${site}/**/*.html`, `${site}/_static/**/*.js`],
  css: [{ raw: readFileSync(0, "utf8") }],
  // A class that Bootstrap's script puts together as it runs (`bs-${name}-auto`), so that no page or script holds it
  // whole: the placement of a tooltip, which sets where its arrow points (tests/test_used_rules.py shows one).
  safelist: { greedy: [/^bs-(tooltip|popover)-auto$/] },
  fontFace: false,
  keyframes: false,
  variables: false,
});
process.stdout.write(result.css);
