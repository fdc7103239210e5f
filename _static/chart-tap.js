// Vega shows a chart's tooltip when a pointer moves onto a mark and hides it on mouseout. A finger's tap moves no
// pointer (a touch screen sends pointerdown and pointerup, then the mouse events browsers make up for old pages),
// so on a phone no tooltip ever showed. A tap on a mark now also tells the chart the pointer is on that mark;
// tapping anything else hides the tooltip as moving the mouse away does.
document.addEventListener("pointerup", function (event) {
  if (event.pointerType !== "touch" || !event.target.closest || !event.target.closest(".vega-embed svg")) return;
  event.target.dispatchEvent(new PointerEvent("pointermove", {
    bubbles: true,
    clientX: event.clientX,
    clientY: event.clientY,
    pointerId: event.pointerId,
    pointerType: "touch",
    isPrimary: true,
  }));
});
