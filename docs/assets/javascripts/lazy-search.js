// Load the search index only when the reader starts a search.
// Material asks for search/search_index.json as soon as a page opens. The index is the
// largest download on the site, and most readers never search, so this holds that one
// request back until the search box is used. Loaded in <head> (extra.polyfills), before
// Material's bundle makes the request.
(function () {
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var wanted = false;
  var waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.handbookIndex = /search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.handbookIndex && !wanted) {
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };

  // Anything that starts a search: the search box, its toggle, Material's keyboard
  // shortcuts (s, f, /), or a link that carries a query.
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) want();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") want();
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest("[for=__search], .md-search")) want();
  });
  document.addEventListener("keydown", function (event) {
    if (/^[sf/]$/.test(event.key)) want();
  });
  if (/[?&](q|h)=/.test(location.search)) want();
})();
