// Glossary tooltips: the meaning of a glossary word when the reader taps it, points at it
// or moves to it with the Tab key, and Escape to close it.
// overrides/hooks/glossary.py marks the first use of each glossary word on a page as
// <abbr title="its meaning">, reachable with Tab unless it sits inside a link.
// Material's own tooltips (`content.tooltips`, off in mkdocs.yml) set up every word, each
// with observers of its own, as a page opens: on the home page that was most of the work
// Lighthouse counts as blocking a phone (README, "Performance"). This script does no work
// until a word is used: it only listens on the document. It keeps Material's tooltip box
// (its .md-tooltip2 CSS), and, as Material does, moves the title into the box while it
// shows, so the browser's own title box does not appear as well.
(function () {
  var WORD = ".md-content abbr";
  var DELAY = 250;  // ms: time to move the pointer from the word onto the box, as Material
  var tip = null;
  var inner = null;
  var word = null;     // the word whose meaning is showing
  var meaning = "";    // its title, put back when the box closes
  var reasons = {};    // why it shows: "point", "focus", "tap"; it closes when none is left
  var closing = 0;
  var removing = 0;

  function wordAt(node) {
    return node && node.closest ? node.closest(WORD) : null;
  }

  function inBox(node) {
    return tip !== null && tip.contains(node);
  }

  function build() {
    tip = document.createElement("div");
    tip.id = "handbook-tooltip";
    tip.className = "md-tooltip2 md-tooltip2--bottom handbook-tooltip";
    tip.setAttribute("role", "tooltip");
    inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    tip.appendChild(inner);
  }

  function show(target, reason) {
    clearTimeout(closing);
    if (target !== word) {
      if (!target.getAttribute("title")) return;
      close();
      open(target);
    }
    reasons[reason] = true;
  }

  function open(target) {
    if (tip === null) build();
    clearTimeout(removing);
    word = target;
    meaning = target.getAttribute("title");
    target.removeAttribute("title");
    target.setAttribute("aria-describedby", tip.id);
    inner.textContent = meaning;
    tip.classList.remove("md-tooltip2--active");
    document.body.appendChild(tip);
    place();
    // Added in the next frame, so that the box fades in (Material's transition).
    requestAnimationFrame(function () {
      if (word === target) tip.classList.add("md-tooltip2--active");
    });
  }

  // Material's CSS places the box from these: the word's place on the page, its middle,
  // the line below it, and the box's own width (so it is centred under the word).
  function place() {
    var box = word.getBoundingClientRect();
    var style = tip.style;
    style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    style.setProperty("--md-tooltip-y", box.height + 8 + "px");
    style.setProperty("--md-tooltip-tail", "0px");
    style.setProperty("--md-tooltip-width", inner.getBoundingClientRect().width + "px");
  }

  function drop(reason, later) {
    if (word === null) return;
    delete reasons[reason];
    if (Object.keys(reasons).length) return;
    clearTimeout(closing);
    if (later) closing = setTimeout(close, DELAY);
    else close();
  }

  function close() {
    clearTimeout(closing);
    if (word === null) return;
    word.setAttribute("title", meaning);
    word.removeAttribute("aria-describedby");
    word = null;
    reasons = {};
    tip.classList.remove("md-tooltip2--active");
    // Out of the page once it has faded, so screen readers do not meet it later.
    removing = setTimeout(function () { tip.remove(); }, DELAY);
  }

  // A finger's tap is handled as a click below; pointing is for a mouse or a pen.
  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "touch") return;
    var target = wordAt(event.target);
    if (target) show(target, "point");
    else if (inBox(event.target)) clearTimeout(closing);
  });
  document.addEventListener("pointerout", function (event) {
    if (event.pointerType === "touch" || word === null) return;
    var from = event.target;
    var to = event.relatedTarget;
    if ((from === word || inBox(from)) && to !== word && !inBox(to)) drop("point", true);
  });
  document.addEventListener("focusin", function (event) {
    var target = wordAt(event.target);
    if (target) show(target, "focus");
  });
  document.addEventListener("focusout", function (event) {
    if (event.target === word) drop("focus");
  });
  document.addEventListener("click", function (event) {
    var target = wordAt(event.target);
    if (target) show(target, "tap");
  });
  // A tap or click anywhere else closes it. Not on "click": a tap on an empty part of the
  // page is not always a click.
  document.addEventListener("pointerdown", function (event) {
    if (word !== null && !wordAt(event.target) && !inBox(event.target)) drop("tap");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && word !== null) close();
  });
  window.addEventListener("resize", function () {
    if (word !== null) place();
  });
  // A word in a table that scrolls sideways moves when the table does.
  document.addEventListener("scroll", function (event) {
    if (word !== null && event.target !== document && event.target.contains(word)) place();
  }, true);
})();
