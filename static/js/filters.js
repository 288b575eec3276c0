// Filters of the search page and document index: open beside the results on wide screens
// (the summary is hidden there by portal.css), folded on phones so the results come first.
// Without this script they stay open: nothing is lost, only the order.
(function () {
  var narrow = window.matchMedia("(max-width: 48rem)");
  function fit() {
    document.querySelectorAll("details.filters").forEach(function (details) {
      details.open = !narrow.matches;
    });
  }
  fit();
  narrow.addEventListener("change", fit);
})();
