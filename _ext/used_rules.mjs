// The site's one stylesheet (_ext/one_stylesheet.py) without the rules that can match nothing on the site, read on
// standard input and written to standard output:  node _ext/used_rules.mjs SITE < joined.css > used.css
//
// PurgeCSS keeps a rule when every class, id, element and attribute its selector names is a word of the site's pages
// or scripts (a script may add a class as the reader uses the page); @font-face, @keyframes and custom properties are
// all kept. Most of the theme's stylesheet is Bootstrap's, nearly all of it unused: a phone parsed and matched
// thousands of rules for a page that uses a few hundred.
import { readFileSync } from "node:fs";
import { PurgeCSS } from "purgecss";

const site = process.argv[2];
const [result] = await new PurgeCSS().purge({
  content: [`${site}/**/*.html`, `${site}/_static/**/*.js`],
  css: [{ raw: readFileSync(0, "utf8") }],
  // Classes that scripts put together as they run, so that no page or script holds them whole: the placement of a
  // Bootstrap tooltip (`bs-${name}-auto`) and the colour theme of a chart's tooltip (`${theme}-theme`, vega-tooltip;
  // charts-fit.css makes it opaque). tests/test_used_rules.py shows both tooltips with and without this list.
  safelist: { standard: [/^(light|dark)-theme$/], greedy: [/^bs-(tooltip|popover)-auto$/] },
  fontFace: false,
  keyframes: false,
  variables: false,
});
process.stdout.write(result.css);
