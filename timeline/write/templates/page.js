// The page's search, filters and keys (`timeline export --to html`). Inlined and
// allowed by its hash: it reads everything it needs from the page's elements and
// never writes file text as markup (only textContent and attributes it owns).
(function () {
  "use strict";
  var bar = document.querySelector(".bar");
  var input = bar.querySelector("input");
  var selects = Array.prototype.slice.call(bar.querySelectorAll("select"));
  var count = bar.querySelector(".count");
  var none = document.querySelector(".none");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.month"));
  var events = [];
  var byElement = new Map();
  sections.forEach(function (section, s) {
    Array.prototype.forEach.call(section.querySelectorAll("li.event"), function (li) {
      var event = {
        index: events.length,
        li: li,
        section: s,
        kind: li.dataset.kind,
        speaker: li.dataset.speaker,
        group: li.dataset.group,
        tags: li.dataset.tags ? li.dataset.tags.split(" ") : [],
        shown: true
      };
      events.push(event);
      byElement.set(li, event);
    });
  });
  var total = events.length;
  var visible = events.slice();
  var current = null;

  // Search compares as the viewer does: accents dropped, whitespace runs made one
  // space, and case ignored unless the search holds a capital ("smart case").
  var MARKS = /\p{Mn}+/gu;
  var SPACES = /\s+/g;
  var CAPITAL = /[\p{Lu}\p{Lt}]/u;
  function fold(text) {
    return text.normalize("NFKD").replace(MARKS, "").replace(SPACES, " ");
  }
  var cased = null;
  var lower = null;
  function build() {
    if (cased) return;
    cased = new Array(total);
    lower = new Array(total);
    for (var i = 0; i < total; i++) {
      var parts = [];
      var fields = events[i].li.querySelectorAll(".f");
      for (var j = 0; j < fields.length; j++) {
        parts.push(fields[j].textContent);
        if (fields[j].tagName === "A") parts.push(fields[j].getAttribute("href"));
      }
      // A separator no search can hold, so a match never spans two fields.
      cased[i] = fold(parts.join("\u0000"));
      lower[i] = cased[i].toLowerCase();
    }
  }

  function chosen() {
    var wanted = {};
    selects.forEach(function (select) {
      if (select.value !== "") wanted[select.dataset.facet] = select.value;
    });
    return wanted;
  }

  function keeps(event, wanted, query, hay) {
    if (wanted.kind !== undefined && event.kind !== wanted.kind) return false;
    if (wanted.speaker !== undefined && event.speaker !== wanted.speaker) return false;
    if (wanted.group !== undefined && event.group !== wanted.group) return false;
    if (wanted.tag !== undefined && event.tags.indexOf(wanted.tag) < 0) return false;
    return query === null || hay[event.index].indexOf(query) >= 0;
  }

  function apply() {
    scheduled = false;
    var raw = input.value;
    var query = null;
    var hay = null;
    if (raw.trim() !== "") {
      build();
      if (CAPITAL.test(raw)) {
        query = fold(raw);
        hay = cased;
      } else {
        query = fold(raw).toLowerCase();
        hay = lower;
      }
    }
    var wanted = chosen();
    var perSection = new Array(sections.length).fill(0);
    visible = [];
    for (var i = 0; i < total; i++) {
      var event = events[i];
      var keep = keeps(event, wanted, query, hay);
      // Only what changes is touched: the browser restyles nothing else.
      if (keep !== event.shown) {
        event.shown = keep;
        event.li.hidden = !keep;
      }
      if (keep) {
        visible.push(event);
        perSection[event.section]++;
      }
    }
    sections.forEach(function (section, s) {
      var hide = perSection[s] === 0;
      if (section.hidden !== hide) section.hidden = hide;
    });
    var narrowed = query !== null || Object.keys(wanted).length > 0;
    var noun = total === 1 ? " event" : " events";
    count.textContent = narrowed ? visible.length + " of " + total + " shown" : total + noun;
    none.hidden = visible.length > 0;
    if (current && !current.shown) setCurrent(null);
  }

  // Typing fast costs one pass a frame, not one a keystroke.
  var scheduled = false;
  function schedule() {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(apply);
    }
  }

  function clearAll() {
    input.value = "";
    selects.forEach(function (select) { select.selectedIndex = 0; });
    apply();
  }

  function setCurrent(event) {
    if (current) current.li.classList.remove("current");
    current = event;
    if (current) current.li.classList.add("current");
  }

  function show(event, scroll) {
    setCurrent(event);
    if (scroll) event.li.scrollIntoView({ block: "start" });
    event.li.focus({ preventScroll: true });
  }

  // The first event shown below the search line: where j and k start from.
  function firstInView() {
    var top = bar.getBoundingClientRect().bottom;
    var low = 0;
    var high = visible.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (visible[mid].li.getBoundingClientRect().bottom <= top + 1) low = mid + 1;
      else high = mid;
    }
    return Math.min(low, visible.length - 1);
  }

  function move(step) {
    if (visible.length === 0) return;
    var at = current ? visible.indexOf(current) : -1;
    var next;
    if (at < 0) next = step > 0 ? firstInView() : Math.max(firstInView() - 1, 0);
    else next = Math.min(Math.max(at + step, 0), visible.length - 1);
    show(visible[next], true);
    var id = visible[next].li.id;
    history.replaceState(null, "", "#" + encodeURIComponent(id));
  }

  // A link to an event (#event-id) always reaches it, even one the filters hide.
  function followHash() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    var li = id ? document.getElementById(id) : null;
    var event = byElement.get(li);
    if (!event) return;
    var hidden = !event.shown;
    if (hidden) clearAll();
    show(event, hidden);
  }

  // Values a browser may have restored from an earlier visit would filter unseen.
  input.value = "";
  selects.forEach(function (select) { select.selectedIndex = 0; });
  bar.hidden = false;
  function measure() {
    document.documentElement.style.setProperty("--bar-height", bar.offsetHeight + "px");
  }
  measure();
  window.addEventListener("resize", measure);
  input.addEventListener("input", schedule);
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  bar.querySelector(".clear").addEventListener("click", function () {
    clearAll();
    input.focus();
  });
  window.addEventListener("hashchange", followHash);
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement ||
      e.target instanceof HTMLTextAreaElement || e.target.isContentEditable;
    if (e.key === "Escape") {
      if (input.value !== "") input.value = "";
      else selects.forEach(function (select) { select.selectedIndex = 0; });
      apply();
      if (typing) e.target.blur();
      return;
    }
    if (typing) return;
    if (e.key === "/") {
      e.preventDefault();
      input.focus();
      input.select();
    } else if (e.key === "j") {
      e.preventDefault();
      move(1);
    } else if (e.key === "k") {
      e.preventDefault();
      move(-1);
    }
  });
  if (location.hash) followHash();
  // Folding every event's text waits until the page is idle, so it never delays reading.
  if (window.requestIdleCallback) requestIdleCallback(build, { timeout: 2000 });
})();
