/* A Buddhist-era calendar beside every <input class="be-date">. The field stays a plain text field
   that the server parses ("7/12/2569", Thai digits, ISO): without this script it still works. The
   texts (month names, labels) come from the page, #be-date-text, written from messages_th. */
(function () {
  "use strict";
  var source = document.getElementById("be-date-text");
  if (!source) return;
  var T = JSON.parse(source.textContent);
  var BE = 543;
  var THAI = "๐๑๒๓๔๕๖๗๘๙";
  // A calendar drawn in SVG: an emoji needs a font that office PCs and servers often lack.
  var ICON = '<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">' +
    '<rect x="2.5" y="4" width="15" height="13.5" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.6"/>' +
    '<path d="M2.5 8h15M6.5 2v4M13.5 2v4" stroke="currentColor" stroke-width="1.6"/>' +
    '<rect x="5.5" y="10.5" width="3" height="3" fill="currentColor"/></svg>';

  function digits(s) {
    return s.replace(/[๐-๙]/g, function (c) { return String(THAI.indexOf(c)); });
  }
  function parse(value) {  // the day the field holds, or null (the server has the final word)
    var s = digits(value.trim()), m, y;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) { y = +m[1]; return make(y > 2400 ? y - BE : y, +m[2], +m[3]); }
    if ((m = /^(\d{1,2})\s*[\/.\-]\s*(\d{1,2})\s*[\/.\-]\s*(\d{2}|\d{4})$/.exec(s))) {
      y = m[3].length === 2 ? 2500 + +m[3] : +m[3];
      return make(y > 2400 ? y - BE : y, +m[2], +m[1]);
    }
    return null;
  }
  function make(y, mo, d) {
    var day = new Date(y, mo - 1, d);
    return day.getMonth() === mo - 1 ? day : null;
  }
  function text(day) { return day.getDate() + "/" + (day.getMonth() + 1) + "/" + (day.getFullYear() + BE); }

  function button(label, cls, aria) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = label;
    if (aria) b.setAttribute("aria-label", aria);
    return b;
  }

  function attach(input) {
    var wrap = document.createElement("span");
    wrap.className = "be-date-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var open = button("", "be-date-open", T.pick);
    open.innerHTML = ICON;
    open.setAttribute("aria-expanded", "false");
    wrap.appendChild(open);
    var pop = document.createElement("div");
    pop.className = "be-date-pop";
    pop.hidden = true;
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", T.pick);
    wrap.appendChild(pop);
    var shown = null;  // the first of the month on view

    function draw() {
      pop.textContent = "";
      var head = document.createElement("div");
      head.className = "be-date-head";
      var prev = button("‹", "be-date-nav", T.prev), next = button("›", "be-date-nav", T.next);
      var title = document.createElement("span");
      title.className = "be-date-title";
      title.textContent = T.months[shown.getMonth()] + " " + (shown.getFullYear() + BE);
      title.setAttribute("aria-live", "polite");
      prev.onclick = function () { shown = new Date(shown.getFullYear(), shown.getMonth() - 1, 1); draw(); prev.focus(); };
      next.onclick = function () { shown = new Date(shown.getFullYear(), shown.getMonth() + 1, 1); draw(); next.focus(); };
      head.appendChild(prev); head.appendChild(title); head.appendChild(next);
      pop.appendChild(head);
      var grid = document.createElement("div");
      grid.className = "be-date-grid";
      T.weekdays.forEach(function (w) {
        var c = document.createElement("span"); c.className = "be-date-wd"; c.textContent = w; grid.appendChild(c);
      });
      for (var i = 0; i < shown.getDay(); i++) grid.appendChild(document.createElement("span"));
      var chosen = parse(input.value), today = new Date();
      var last = new Date(shown.getFullYear(), shown.getMonth() + 1, 0).getDate();
      for (var d = 1; d <= last; d++) {
        var day = new Date(shown.getFullYear(), shown.getMonth(), d);
        var b = button(String(d), "be-date-day", d + " " + T.months[day.getMonth()] + " " + (day.getFullYear() + BE));
        if (chosen && +chosen === +day) b.setAttribute("aria-pressed", "true");
        if (day.toDateString() === today.toDateString()) b.classList.add("be-date-today");
        b.onclick = (function (picked) {
          return function () { input.value = text(picked); close(); input.focus(); };
        })(day);
        grid.appendChild(b);
      }
      pop.appendChild(grid);
    }
    function close() { pop.hidden = true; open.setAttribute("aria-expanded", "false"); }
    open.onclick = function () {
      if (!pop.hidden) { close(); return; }
      var day = parse(input.value) || new Date();
      shown = new Date(day.getFullYear(), day.getMonth(), 1);
      draw();
      pop.hidden = false;
      open.setAttribute("aria-expanded", "true");
      var first = pop.querySelector('[aria-pressed="true"]') || pop.querySelector(".be-date-day");
      if (first) first.focus();
    };
    wrap.addEventListener("keydown", function (e) { if (e.key === "Escape" && !pop.hidden) { close(); open.focus(); } });
    document.addEventListener("click", function (e) { if (!wrap.contains(e.target)) close(); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input.be-date"), attach);
})();
