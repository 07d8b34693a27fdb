// `bleep serve`: loaded before textual.js. The terminal may open a new tab only for a download from this
// server (the learner's CV, plan or passport); an address in a lesson's text is never opened.
(function () {
  var open = window.open.bind(window);
  window.open = function (url, target) {
    if (typeof url === "string" && url.indexOf(window.location.origin + "/download/") === 0) {
      return open(url, target);
    }
    return null;
  };
})();
