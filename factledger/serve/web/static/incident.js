// One click from a number to the sentence that states it: open its report, highlight, scroll.
(function () {
  "use strict";

  function show(id, numberId) {
    var target = id && document.getElementById(id);
    if (!target) { return false; }
    var report = target.closest("details");
    if (report) { report.open = true; }
    document.querySelectorAll(".hl, .hl-num").forEach(function (el) {
      el.classList.remove("hl");
      el.classList.remove("hl-num");
    });
    target.classList.add("hl");
    var number = numberId && document.getElementById(numberId);
    if (number) { number.classList.add("hl-num"); }
    target.scrollIntoView({ block: "center", behavior: "smooth" });
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.fig-link");
    if (!link) { return; }
    var id = link.getAttribute("data-target");
    if (id && show(id, link.getAttribute("data-number"))) {
      event.preventDefault();
      history.replaceState(null, "", "#" + id);
    }
  });

  if (location.hash.length > 1) { show(decodeURIComponent(location.hash.slice(1))); }
})();
