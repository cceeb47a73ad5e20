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
  var narrowedLine = null;
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

  // Lists out of sight are left unrendered (page.css: what keeps 10,000 events quick),
  // each as tall meanwhile as it is told to be: the page's style makes it its events
  // times a typical event's height. The script sizes each by the events it shows times
  // the mean height of the events rendered so far (TYPICAL before any is), so that the
  // page is as long as its events make it and the scrollbar, j, k and links land where
  // they should (one guess for every list made 37 events 302,000 pixels long, for
  // 16,780 rendered). A list once rendered keeps the height it had then while it is
  // out of sight again ("auto"): Chromium implies "auto" for content-visibility: auto,
  // and keeps that height whatever the script writes, until the list forgets it (see
  // `forget`).
  //
  // The estimates stay under BUDGET pixels (the page's, from timeline/write/html.py:
  // what every browser can lay out). Rows made smaller alike keep every event's place
  // in proportion.
  var TYPICAL = 0; // rem, read from the page with BUDGET
  var BUDGET = 0;
  var listOf = new Map(); // list element -> its index in lists
  var shownNow = []; // per list, the events it shows
  var shownIn = []; // per list, the events its size was written for
  var rendered = new Set(); // the lists the browser renders now
  var seen = new Set(); // the lists rendered before the events were taken in
  // Per list, the events it showed when the browser last rendered it, whose height it
  // remembers (-1: none, or forgotten).
  var remembered = [];
  var counted = new Set(); // the lists in the mean
  var measuredHeight = 0;
  var measuredRows = 0;
  var rowHeight = 0; // the height of an event the sizes were written with
  var measuredWidth = window.innerWidth;
  // TYPICAL in pixels, read once a width: read on every keystroke, the font size had the
  // browser restyle the page there and then, before the frame does.
  var typical = 0;

  function takeIn() {
    none = document.querySelector(".none");
    narrowedLine = document.querySelector(".narrowed");
    var main = document.querySelector("main");
    TYPICAL = parseFloat(main.dataset.typical);
    BUDGET = parseFloat(main.dataset.budget);
    sections = Array.prototype.slice.call(document.querySelectorAll("section.month"));
    sections.forEach(function (section, s) {
      Array.prototype.forEach.call(section.querySelectorAll("ol.events"), function (ol) {
        lists.push(ol);
        listSection.push(s);
      });
    });
    lists.forEach(function (ol, l) {
      listOf.set(ol, l);
      shownIn.push(-1); // never written yet
      // Nothing has been searched yet: a list rendered meanwhile showed all its events.
      remembered.push(seen.has(ol) ? ol.children.length : -1);
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
      if (rendered.has(ol)) remembered[l] = perList[l];
    });
    sections.forEach(function (section, s) {
      var hide = perSection[s] === 0;
      if (section.hidden !== hide) section.hidden = hide;
    });
    shownNow = perList;
    sizeSoon();
    var narrowed = query !== null || Object.keys(wanted).length > 0;
    var noun = total === 1 ? " event" : " events";
    count.textContent = narrowed
      ? number(visible.length) + " of " + number(total) + " shown"
      : number(total) + noun;
    none.hidden = visible.length > 0;
    narrowedLine.hidden = !narrowed;
    if (narrowed) narrowedLine.textContent = narrowing(raw);
    if (current && !current.shown) setCurrent(null);
  }

  // What the page shows, said on paper: "3 of 100 events shown: search “cbp”, kind
  // tweet (12)". Printed without it, a narrowed page passed for the whole timeline.
  function narrowing(raw) {
    var what = [];
    if (raw.trim() !== "") what.push("search \u201c" + raw.trim() + "\u201d");
    selects.forEach(function (select) {
      if (select.value !== "") what.push(select.dataset.facet + " " + select.selectedOptions[0].text);
    });
    return number(visible.length) + " of " + number(total) + " events shown: " + what.join(", ") + ".";
  }

  // A list the browser renders is counted in the mean height of an event, once.
  function measureList(ol) {
    var l = listOf.get(ol);
    if (l === undefined || counted.has(ol) || shownIn[l] <= 0) return;
    counted.add(ol);
    measuredHeight += ol.getBoundingClientRect().height;
    measuredRows += shownIn[l];
  }

  // Writes the size of each list whose events shown changed (after a search or filter),
  // or of every list when the height of an event moved by a tenth.
  function size() {
    if (typical === 0) {
      typical = TYPICAL * parseFloat(getComputedStyle(document.documentElement).fontSize);
    }
    var row = measuredRows > 0 ? measuredHeight / measuredRows : typical;
    row = Math.min(row, BUDGET / Math.max(visible.length, 1));
    var all = Math.abs(row - rowHeight) > rowHeight / 10;
    if (all) rowHeight = row;
    for (var l = 0; l < lists.length; l++) {
      var stale = remembered[l] >= 0 && remembered[l] !== shownNow[l] && !rendered.has(lists[l]);
      if (shownNow[l] !== shownIn[l]) shownIn[l] = shownNow[l];
      else if (!all && !stale) continue;
      if (stale && shownNow[l] > 0) forget(l);
      writeSize(l);
    }
  }

  function writeSize(l) {
    var height = Math.round(shownIn[l] * rowHeight) + "px";
    lists[l].style.containIntrinsicSize = forgetting.has(l) ? height : "auto " + height;
  }

  // A list out of sight is as tall as it was when last rendered, whatever its size says:
  // read to the end and then searched, the page kept the height of every event, blank
  // after the results (Chromium). The browser forgets that height when it next measures
  // (after a frame's layout) a list that is content-visibility: hidden with a size that
  // is not "auto": for a frame the list is, out of sight, then auto again.
  var forgetting = new Set();
  function forget(l) {
    remembered[l] = -1;
    lists[l].style.contentVisibility = "hidden";
    if (forgetting.size === 0) {
      requestAnimationFrame(function () {
        requestAnimationFrame(forgotten);
      });
    }
    forgetting.add(l);
  }
  function forgotten() {
    var done = forgetting;
    forgetting = new Set();
    done.forEach(function (l) {
      lists[l].style.contentVisibility = "";
      writeSize(l);
    });
  }

  // The lists rendered are measured as the browser renders them; at another width
  // events have other heights, so the mean starts again from those rendered then.
  function remeasure() {
    typical = 0;
    counted.clear();
    measuredHeight = 0;
    measuredRows = 0;
    rendered.forEach(measureList);
    size();
  }

  // After a search or filter, once the frame that shows its events is drawn: sized in
  // that frame, they made the slowest keystrokes slower (at 10,000 events, the 95th
  // percentile from 57-81 ms to 69-113 ms); and while the reader types on, once for all.
  var sizing = false;
  function sizeSoon() {
    if (sizing) return;
    sizing = true;
    if (window.requestIdleCallback) requestIdleCallback(sizeNow);
    else setTimeout(sizeNow, 0);
  }
  function sizeNow() {
    sizing = false;
    size();
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
    if (scroll) bringIntoView(event.li);
  }

  // A list the browser had not rendered has only its estimated height until it is, and
  // the browser renders the lists around an event a frame or two after it is scrolled
  // to: the event moves. So the scroll is aimed again whenever it has, until it has
  // stayed put for STILL frames with no list rendered or left meanwhile (at most a
  // second), or until the reader scrolls.
  var STILL = 3;
  var aim = null;
  var aiming = false; // a frame is asked for
  function bringIntoView(li) {
    li.scrollIntoView({ block: "start" });
    aim = { li: li, top: li.getBoundingClientRect().top, still: 0, frames: 0 };
    nextFrame();
  }
  function nextFrame() {
    if (!aiming) {
      aiming = true;
      requestAnimationFrame(keepAiming);
    }
  }
  function keepAiming() {
    aiming = false;
    if (aim === null) return;
    if (Math.abs(aim.li.getBoundingClientRect().top - aim.top) > 1) {
      aim.li.scrollIntoView({ block: "start" });
      aim.top = aim.li.getBoundingClientRect().top;
      aim.still = 0;
    } else {
      aim.still++;
    }
    if (aim.still >= STILL || ++aim.frames >= 60) aim = null;
    else nextFrame();
  }
  function stopAiming() {
    aim = null;
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

  // Whether any of the event is between the search line and the window's bottom.
  function onScreen(event) {
    var box = event.li.getBoundingClientRect();
    return box.bottom > bar.getBoundingClientRect().bottom + 1 && box.top < window.innerHeight;
  }

  function move(step) {
    if (!ready || visible.length === 0) return;
    // From the event selected while it is on screen; scrolled away from, from what is
    // there (j went back to the event after it, pages above).
    var at = current && onScreen(current) ? visible.indexOf(current) : -1;
    var next;
    if (at < 0) next = step > 0 ? firstInView() : Math.max(firstInView() - 1, 0);
    else next = Math.min(Math.max(at + step, 0), visible.length - 1);
    show(visible[next], true);
    address(visible[next]);
  }

  // The page's address names the event j and k select (a link to copy; Back, after a
  // link followed, comes back to it), once the keys pause: a new address costs the
  // browser a pass over the whole page (Chromium: 0.5 s at 100,000 events, where j
  // took 660 ms at the median), paid then once for a run of keys. A link clicked, a
  // key with a modifier (Alt+Left is Back, Ctrl+L the address bar), a mouse button
  // (Back has one) and the window left write it at once.
  var PAUSE = 400; // ms
  var addressed = null;
  var timer = 0;
  function address(event) {
    addressed = event;
    clearTimeout(timer);
    timer = setTimeout(writeAddress, PAUSE);
  }
  function writeAddress() {
    clearTimeout(timer);
    if (addressed === null) return;
    var id = addressed.li.id;
    addressed = null;
    history.replaceState(null, "", "#" + encodeURIComponent(id));
  }

  // A link to an event (#event-id) always reaches it, even one the filters hide.
  function followHash() {
    // The address is another entry's now: the event it names is the one to show.
    addressed = null;
    clearTimeout(timer);
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
  document.addEventListener(
    "contentvisibilityautostatechange",
    function (e) {
      if (e.skipped) rendered.delete(e.target);
      else rendered.add(e.target);
      if (!ready && !e.skipped) seen.add(e.target);
      var l = listOf.get(e.target);
      if (l !== undefined && !e.skipped) remembered[l] = shownNow[l];
      if (aim !== null) aim.still = 0;
      if (ready && !e.skipped) {
        measureList(e.target);
        size();
      }
    },
    true
  );
  function measure() {
    // What an event scrolled to must clear: the search line, where it stays at the top.
    var sticky = getComputedStyle(bar).position === "sticky";
    document.documentElement.style.setProperty("--bar-height", (sticky ? bar.offsetHeight : 0) + "px");
    if (ready && window.innerWidth !== measuredWidth) {
      measuredWidth = window.innerWidth;
      remeasure();
    }
  }
  measure();
  window.addEventListener("resize", measure);
  // The reader's own scrolling ends an aim (a key does in the handler below).
  ["wheel", "touchstart", "mousedown"].forEach(function (type) {
    window.addEventListener(type, stopAiming, { passive: true });
  });
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
  // Before the link's own move, so that Back returns to the event it was clicked from.
  document.addEventListener("click", writeAddress, true);
  window.addEventListener("mousedown", writeAddress, true);
  window.addEventListener("blur", writeAddress);
  window.addEventListener("pagehide", writeAddress);
  document.addEventListener("keydown", function (e) {
    stopAiming();
    if (e.ctrlKey || e.metaKey || e.altKey) {
      writeAddress();
      return;
    }
    if (e.defaultPrevented) return;
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
    remeasure(); // the lists rendered while the page was read
    if (location.hash) followHash();
    if (window.requestIdleCallback) requestIdleCallback(buildWhileIdle);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
