// Live session: poll the session's state and follow the facilitator. Without JavaScript
// every page has a Refresh link and works the same, one reload at a time.
(function () {
  "use strict";
  var root = document.querySelector("[data-live-status]");
  if (!root || !window.fetch) {
    return;
  }
  var url = root.getAttribute("data-live-status");
  var version = root.getAttribute("data-live-version");
  var follow = root.hasAttribute("data-live-reload");
  var INTERVAL = 2000;

  function show(key, value) {
    if (value === undefined) {
      return;
    }
    document.querySelectorAll("[data-live-" + key + "]").forEach(function (element) {
      if (element.textContent !== String(value)) {
        element.textContent = value;
      }
    });
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) {
          return;
        }
        if (follow && String(state.version) !== version) {
          window.location.reload();
          return;
        }
        show("answered", state.answered);
        show("joined", state.joined);
      })
      .catch(function () { /* a network hiccup: try again at the next tick */ })
      .then(function () { window.setTimeout(poll, INTERVAL); });
  }

  window.setTimeout(poll, INTERVAL);
})();
