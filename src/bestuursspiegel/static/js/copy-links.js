// Progressive enhancement: a "copy" button beside each one-time link. Without
// JavaScript the link stays in a read-only field that can be selected and copied.
(function () {
  "use strict";
  var label = document.documentElement.lang === "en" ? "Copy" : "Kopieer";
  var done = document.documentElement.lang === "en" ? "Copied" : "Gekopieerd";
  document.querySelectorAll("input[data-copy]").forEach(function (input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "utrecht-button utrecht-button--secondary-action";
    button.textContent = label;
    button.setAttribute("aria-label", label + ": " + (input.labels[0] ? input.labels[0].textContent : ""));
    button.addEventListener("click", function () {
      input.select();
      var finish = function () { button.textContent = done; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(input.value).then(finish, finish);
      } else {
        document.execCommand("copy");
        finish();
      }
    });
    input.insertAdjacentElement("afterend", button);
  });
})();
