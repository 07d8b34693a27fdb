// `bleep serve`: loaded before textual.js.
(function () {
  // The terminal may open a new tab only for a download from this server (the learner's CV, plan or
  // passport); an address in a lesson's text is never opened.
  var open = window.open.bind(window);
  window.open = function (url, target) {
    if (typeof url === "string" && url.indexOf(window.location.origin + "/download/") === 0) {
      return open(url, target);
    }
    return null;
  };
  // Keys go to the session at once: a click to focus it would also be a click in the app.
  window.addEventListener("load", function () {
    setTimeout(function () {
      var keys = document.querySelector(".xterm-helper-textarea");
      if (keys) { keys.focus(); }
    }, 0);
  });
})();
