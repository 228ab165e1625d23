// Optional: pan and zoom for the charts drawn on this page, and a box that finds a person's
// or a post's name in them (and in the page's tables). Without it every chart is still drawn
// whole, scaled to the page, and its boxes still link. boconf's own, no network, no library.
// Also reads "#find=NAME" from the address, so that a link can open a page with a name found.
// Every word it shows comes from the page (the charts section's data-* attributes), in the
// page's language.
(function () {
  "use strict";
  var MAX_ZOOM = 8;
  var views = Array.prototype.slice.call(document.querySelectorAll(".chart-view"));
  var charts = [];

  function ViewBox(svg) {
    var base = svg.viewBox.baseVal;
    this.svg = svg;
    this.full = { x: base.x, y: base.y, w: base.width, h: base.height };
    this.box = { x: base.x, y: base.y, w: base.width, h: base.height };
  }
  ViewBox.prototype.apply = function () {
    var b = this.box;
    this.svg.setAttribute("viewBox", [b.x, b.y, b.w, b.h].join(" "));
  };
  ViewBox.prototype.clamp = function () {
    var f = this.full, b = this.box;
    b.w = Math.min(f.w, Math.max(f.w / MAX_ZOOM, b.w));
    b.h = b.w * f.h / f.w;
    b.x = Math.min(f.x + f.w - b.w, Math.max(f.x, b.x));
    b.y = Math.min(f.y + f.h - b.h, Math.max(f.y, b.y));
    this.apply();
  };
  // Zoom by factor around a point given in chart units.
  ViewBox.prototype.zoom = function (factor, cx, cy) {
    var b = this.box;
    b.x = cx - (cx - b.x) / factor;
    b.y = cy - (cy - b.y) / factor;
    b.w /= factor;
    this.clamp();
  };
  ViewBox.prototype.centre = function (cx, cy, width) {
    var b = this.box;
    b.w = width;
    b.h = width * this.full.h / this.full.w;
    b.x = cx - b.w / 2;
    b.y = cy - b.h / 2;
    this.clamp();
  };
  ViewBox.prototype.reset = function () {
    var f = this.full;
    this.box = { x: f.x, y: f.y, w: f.w, h: f.h };
    this.apply();
  };
  // A client point (pixels) in chart units.
  ViewBox.prototype.point = function (clientX, clientY) {
    var r = this.svg.getBoundingClientRect(), b = this.box;
    return { x: b.x + (clientX - r.left) * b.w / r.width, y: b.y + (clientY - r.top) * b.h / r.height };
  };

  function wording(view) {
    var section = view.closest(".charts");
    return section ? section.dataset : {};
  }

  function button(label, title, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.title = title;
    b.addEventListener("click", action);
    return b;
  }

  views.forEach(function (view) {
    var svg = view.querySelector("svg");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal) {
      return;
    }
    var chart = new ViewBox(svg);
    charts.push(chart);
    var middle = function () {
      return { x: chart.box.x + chart.box.w / 2, y: chart.box.y + chart.box.h / 2 };
    };
    var said = wording(view);
    var tools = document.createElement("div");
    tools.className = "chart-tools";
    tools.appendChild(button("+", said.zoomIn || "", function () { var m = middle(); chart.zoom(1.5, m.x, m.y); }));
    tools.appendChild(button("\u2212", said.zoomOut || "", function () { var m = middle(); chart.zoom(1 / 1.5, m.x, m.y); }));
    tools.appendChild(button(said.fit || "", said.fitTitle || "", function () { chart.reset(); }));
    view.parentNode.insertBefore(tools, view);
    // Ctrl (or Cmd) and the wheel zoom; the wheel alone still scrolls the page.
    svg.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) {
        return;
      }
      event.preventDefault();
      var p = chart.point(event.clientX, event.clientY);
      chart.zoom(event.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
    }, { passive: false });
    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (chart.box.w >= chart.full.w || event.button !== 0) {
        return; // nothing to pan at full view: a click follows its link
      }
      drag = { x: event.clientX, y: event.clientY, box: { x: chart.box.x, y: chart.box.y }, moved: false };
    });
    window.addEventListener("pointermove", function (event) {
      if (!drag) {
        return;
      }
      var r = svg.getBoundingClientRect();
      var dx = (event.clientX - drag.x) * chart.box.w / r.width;
      var dy = (event.clientY - drag.y) * chart.box.h / r.height;
      drag.moved = drag.moved || Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 4;
      chart.box.x = drag.box.x - dx;
      chart.box.y = drag.box.y - dy;
      chart.clamp();
    });
    window.addEventListener("pointerup", function () {
      if (drag && drag.moved) {
        svg.addEventListener("click", function stop(event) { event.preventDefault(); }, { once: true, capture: true });
      }
      drag = null;
    });
  });

  // Finding names: chart boxes and table rows whose text holds every word typed.
  var search = document.getElementById("chart-search");
  if (!search) {
    return;
  }
  var count = document.getElementById("chart-search-count");
  var said = wording(search);
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".chart-view g.node"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("main table tbody tr"));
  var texts = boxes.map(function (g) { return g.textContent.toLowerCase(); });
  var rowTexts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  search.parentNode.hidden = false;
  function find() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var matches = function (text) {
      return words.length > 0 && words.every(function (w) { return text.indexOf(w) !== -1; });
    };
    var first = null, found = 0;
    boxes.forEach(function (g, i) {
      var hit = matches(texts[i]);
      g.classList.toggle("found", hit);
      if (hit) {
        found += 1;
        first = first || g;
      }
    });
    rows.forEach(function (r, i) {
      var hit = matches(rowTexts[i]);
      r.classList.toggle("found", hit);
      found += hit ? 1 : 0;
    });
    count.textContent = words.length ? (found ? (said.found || "").replace("{n}", found) : said.notFound || "") : "";
    if (first) {
      var chart = charts.filter(function (c) { return c.svg.contains(first); })[0];
      var b = first.getBBox();
      if (chart && chart.svg.getBoundingClientRect().width < chart.full.w) {
        chart.centre(b.x + b.width / 2, b.y + b.height / 2, Math.max(chart.full.w / MAX_ZOOM, chart.svg.getBoundingClientRect().width * 0.75));
      }
      first.scrollIntoView({ block: "center" });
    }
  }
  search.addEventListener("input", find);
  var asked = /[#&]find=([^&]*)/.exec(location.hash);
  if (asked) {
    search.value = decodeURIComponent(asked[1].replace(/\+/g, " "));
    find();
  }
})();
