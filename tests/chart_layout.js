// How a drawn chart looks to a reader, measured in the browser: the size of its text as drawn (and which text is
// smaller than `smallest` px), text that overlaps or touches other text, and whether the chart fits its column. Used by
// tests/test_charts_read.py and scripts/preview_figure.py, so a chart is measured the same way while it is designed
// and when it is tested.
(container, smallest) => {
  const GAP = 3;  // px
  const svg = container.querySelector("svg.marks");
  const drawn = svg.getBoundingClientRect();
  const scale = drawn.width / svg.width.baseVal.value;
  const column = container.parentElement.getBoundingClientRect();
  const shown = (el) => {
    for (let node = el; node && node !== svg; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden" || parseFloat(style.opacity) === 0 ||
          parseFloat(style.fillOpacity) === 0) return false;
    }
    return true;
  };
  const texts = [...svg.querySelectorAll("text")]
    .filter((t) => t.textContent.trim() && shown(t))
    .map((t) => ({text: t.textContent.trim(), size: parseFloat(getComputedStyle(t).fontSize) * scale,
                  box: t.getBoundingClientRect()}))
    .filter((t) => t.box.width > 0);
  const overlaps = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].box, b = texts[j].box;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      // Glyph boxes include the line's ascent and descent: a sliver is two lines set close, not a clash. Side by
      // side on one line, two texts need a gap a reader can see ("24 May6:00" reads as one word).
      if (w > -GAP && h > 3) overlaps.push([texts[i].text, texts[j].text]);
    }
  }
  return {
    layout: container.dataset.layout || "",
    width: drawn.width,
    column: column.width,
    smallest: texts.length ? Math.min(...texts.map((t) => t.size)) : null,
    small: texts.filter((t) => t.size < smallest).map((t) => [t.text, Math.round(t.size * 10) / 10]),
    overlaps: overlaps,
    texts: texts.map((t) => t.text),
  };
}
