// The chart library (_static/vendor/vega-bundle.js, 0.9 MB of script) runs only when a chart comes near the screen,
// or when the page is printed: the text paints and answers first, and a reader who never reaches a chart never waits
// for it. Each chart's own script queues its drawing in window.kadizCharts (kadiz/charts/render.py); once the
// library has run, every chart of the page draws.
(function () {
  var library = document.querySelector('meta[name="kadiz-chart-library"]');
  var charts = window.kadizCharts = window.kadizCharts || [];
  if (!library || !charts.length) return;
  var requested = false;
  function drawAll() {
    charts.splice(0).forEach(function (chart) { chart.start(); });  // without the library, each says so
  }
  function load() {
    if (requested) return;
    requested = true;
    var script = document.createElement("script");
    script.src = library.content;
    script.onload = script.onerror = drawAll;
    document.head.appendChild(script);
  }
  var near = new IntersectionObserver(function (entries) {
    if (entries.some(function (entry) { return entry.isIntersecting; })) {
      near.disconnect();
      load();
    }
  }, {rootMargin: "50% 0px"});
  charts.forEach(function (chart) { near.observe(chart.target); });
  window.addEventListener("beforeprint", load);
})();
