// Print button of the checklist sheets. Hand-written, no dependency.
// The button ships hidden: without JavaScript the browser's own Print
// command still works, and no dead button is shown.
document.querySelectorAll("button.hc-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
