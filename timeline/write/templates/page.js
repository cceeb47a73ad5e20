// The page's search, filters and keys (`timeline export --to html`). Inlined and
// allowed by its hash: it reads everything it needs from the page's elements and
// never writes file text as markup (only textContent and attributes it owns).
//
// It runs as soon as the search line is parsed, so the line is there from the first
// paint; the events are taken in once the whole page is parsed (with 10,000 events
// that is a second later), and anything typed meanwhile is applied then.
(function () {
  "use strict";
  var bar = document.querySelector(".bar");
  var input = bar.querySelector("input");
  var selects = Array.prototype.slice.call(bar.querySelectorAll("select"));
  var count = bar.querySelector(".count");
  var ready = false;
  var none = null;
  var sections = [];
  // Events come in lists of at most 50 (the browser renders or skips a list as one);
  // a list, and a month, with nothing left to show is hidden as a whole.
  var lists = [];
  var listSection = [];
  var events = [];
  var byElement = new Map();
  var total = 0;
  var visible = [];
  var current = null;

  function takeIn() {
    none = document.querySelector(".none");
    sections = Array.prototype.slice.call(document.querySelectorAll("section.month"));
    sections.forEach(function (section, s) {
      Array.prototype.forEach.call(section.querySelectorAll("ol.events"), function (ol) {
        lists.push(ol);
        listSection.push(s);
      });
    });
    lists.forEach(function (ol, l) {
      Array.prototype.forEach.call(ol.querySelectorAll("li.event"), function (li) {
        var event = {
          index: events.length,
          li: li,
          list: l,
          kind: li.dataset.kind,
          speaker: li.dataset.speaker,
          group: li.dataset.group,
          tags: li.dataset.tags ? li.dataset.tags.split(" ") : [],
          status: li.dataset.status,
          shown: true
        };
        events.push(event);
        byElement.set(li, event);
      });
    });
    total = events.length;
    visible = events.slice();
    ready = true;
  }

  // Search compares as the viewer does: accents dropped, typographic quotation marks
  // and apostrophes read as typed ones (’ as ', “ ” as "), whitespace runs made one
  // space, and case ignored unless the search holds a capital ("smart case").
  var MARKS = /\p{Mn}+/gu;
  var SINGLE = /[\u2018\u2019\u201a\u201b]/g;
  var DOUBLE = /[\u201c-\u201f]/g;
  var SPACES = /\s+/g;
  var CAPITAL = /[\p{Lu}\p{Lt}]/u;
  var ASCII = /^[\x00-\x7f]*$/;
  function fold(text) {
    if (!ASCII.test(text)) {
      text = text.normalize("NFKD").replace(MARKS, "").replace(SINGLE, "'").replace(DOUBLE, '"');
    }
    return text.replace(SPACES, " ");
  }
  // Each event's text as search compares it, folded a slice at a time while the page
  // is idle; a search typed before the end folds the rest at once.
  var cased = [];
  var lower = [];
  function foldNext() {
    var i = cased.length;
    var parts = [];
    var fields = events[i].li.querySelectorAll(".f");
    for (var j = 0; j < fields.length; j++) {
      parts.push(fields[j].textContent);
      if (fields[j].tagName === "A") parts.push(fields[j].getAttribute("href"));
    }
    // A separator no search can hold, so a match never spans two fields.
    cased.push(fold(parts.join("\u0000")));
    lower.push(cased[i].toLowerCase());
  }
  function build() {
    while (cased.length < total) foldNext();
  }
  function buildWhileIdle(deadline) {
    while (cased.length < total && deadline.timeRemaining() > 1) foldNext();
    if (cased.length < total) requestIdleCallback(buildWhileIdle);
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
    if (wanted.status !== undefined && event.status !== wanted.status) return false;
    return query === null || hay[event.index].indexOf(query) >= 0;
  }

  function apply() {
    scheduled = false;
    if (!ready) return;
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
    var perList = new Array(lists.length).fill(0);
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
        perList[event.list]++;
      }
    }
    var perSection = new Array(sections.length).fill(0);
    lists.forEach(function (ol, l) {
      var hide = perList[l] === 0;
      if (ol.hidden !== hide) ol.hidden = hide;
      perSection[listSection[l]] += perList[l];
    });
    sections.forEach(function (section, s) {
      var hide = perSection[s] === 0;
      if (section.hidden !== hide) section.hidden = hide;
    });
    var narrowed = query !== null || Object.keys(wanted).length > 0;
    var noun = total === 1 ? " event" : " events";
    count.textContent = narrowed
      ? number(visible.length) + " of " + number(total) + " shown"
      : number(total) + noun;
    none.hidden = visible.length > 0;
    if (current && !current.shown) setCurrent(null);
  }

  function number(n) {
    return n.toLocaleString("en-US"); // "10,000", as the page's own text writes it
  }

  // Typing fast costs one pass a frame, not one a keystroke.
  var scheduled = false;
  function schedule() {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(apply);
    }
  }

  function reset() {
    input.value = "";
    selects.forEach(function (select) {
      select.selectedIndex = 0;
    });
  }

  function setCurrent(event) {
    if (current) current.li.classList.remove("current");
    current = event;
    if (current) current.li.classList.add("current");
  }

  function show(event, scroll) {
    setCurrent(event);
    event.li.focus({ preventScroll: true });
    if (scroll) bringIntoView(event.li, 8);
  }

  // A list the browser had not rendered yet has only a guessed height until it is
  // rendered; once it is, whatever lies below moves. So the scroll is aimed again on
  // the next frames (a few at most: a tenth of a second) until the event stays put.
  function bringIntoView(li, frames) {
    li.scrollIntoView({ block: "start" });
    var top = li.getBoundingClientRect().top;
    requestAnimationFrame(function () {
      if (frames > 0 && Math.abs(li.getBoundingClientRect().top - top) > 1) {
        bringIntoView(li, frames - 1);
      }
    });
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
    if (!ready || visible.length === 0) return;
    var at = current ? visible.indexOf(current) : -1;
    var next;
    if (at < 0) next = step > 0 ? firstInView() : Math.max(firstInView() - 1, 0);
    else next = Math.min(Math.max(at + step, 0), visible.length - 1);
    show(visible[next], true);
    history.replaceState(null, "", "#" + encodeURIComponent(visible[next].li.id));
  }

  // A link to an event (#event-id) always reaches it, even one the filters hide.
  function followHash() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    var event = id ? byElement.get(document.getElementById(id)) : undefined;
    if (!event) return;
    if (!event.shown) {
      reset();
      apply();
    }
    show(event, true);
  }

  // Values a browser may have restored from an earlier visit would filter unseen.
  reset();
  bar.hidden = false;
  function measure() {
    document.documentElement.style.setProperty("--bar-height", bar.offsetHeight + "px");
  }
  measure();
  window.addEventListener("resize", measure);
  input.addEventListener("input", schedule);
  selects.forEach(function (select) {
    select.addEventListener("change", apply);
  });
  bar.querySelector(".clear").addEventListener("click", function () {
    reset();
    apply();
    input.focus();
  });
  window.addEventListener("hashchange", followHash);
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var target = e.target;
    var typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement || target.isContentEditable;
    if (e.key === "Escape") {
      // The search first; pressed again, the filters.
      if (input.value !== "") input.value = "";
      else reset();
      apply();
      if (typing) target.blur();
      return;
    }
    if (typing) return;
    if (e.key === "/") {
      e.preventDefault();
      input.focus();
      input.select();
    } else if (e.key === "j" || e.key === "k") {
      e.preventDefault();
      move(e.key === "j" ? 1 : -1);
    }
  });

  function start() {
    takeIn();
    apply();
    if (location.hash) followHash();
    if (window.requestIdleCallback) requestIdleCallback(buildWhileIdle);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
