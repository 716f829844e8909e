// Progressive enhancement: a print link; without JavaScript the browser's own print works.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (link) {
    link.hidden = false;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.print();
    });
  });
})();
