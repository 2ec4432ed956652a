// Start Material's JavaScript once the page's text is on screen.
// overrides/hooks/after_paint.py puts this loader where Material's bundle was. The bundle
// (search, "back to top") is not needed to read a page, so on a slow phone and network it
// should not compete with the text for the first paint.
(function () {
  var loader = document.currentScript;
  var started = false;

  function start() {
    if (started) return;
    started = true;
    var bundle = document.createElement("script");
    bundle.src = loader.getAttribute("data-bundle");
    // Material sets itself up on DOMContentLoaded, which has fired by now: repeat it. In a
    // task of its own, so that reading the bundle and setting up the page are two short
    // pauses for the phone rather than one long one.
    bundle.onload = function () {
      setTimeout(function () {
        if (document.readyState !== "loading") {
          document.dispatchEvent(new Event("DOMContentLoaded"));
        }
        document.documentElement.setAttribute("data-handbook-js", "ready");
      }, 0);
    };
    document.body.appendChild(bundle);
  }

  // The browser reports the first paint of text ("first-contentful-paint") once it is on
  // screen. Browsers without paint timing wait two frames instead. A tab opened in the
  // background paints nothing until it is shown, so a timeout starts the bundle anyway.
  var observer = window.PerformanceObserver;
  if (observer && (observer.supportedEntryTypes || []).indexOf("paint") >= 0) {
    new observer(function (list) {
      list.getEntriesByName("first-contentful-paint").forEach(start);
    }).observe({ type: "paint", buffered: true });
  } else {
    requestAnimationFrame(function () { requestAnimationFrame(start); });
  }
  setTimeout(start, 3000);
})();
