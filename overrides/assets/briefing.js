// Small enhancements for readers; the pages work without them.

// How old a briefing is, and whether it may be out of date, by the reader's today:
// computed here so that a page built long ago still tells the truth.
// The reader's own date, not UTC's: at 23:00 in New York it is still today there.
(function () {
  var now = new Date();
  var today = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(function (n) {
    return String(n).padStart(2, "0");
  }).join("-");
  document.querySelectorAll("[data-review-due]").forEach(function (notice) {
    if (notice.getAttribute("data-review-due") < today) notice.hidden = false;
  });
  var words = window.Intl && Intl.RelativeTimeFormat ?
    new Intl.RelativeTimeFormat(document.documentElement.lang || "en", { numeric: "auto" }) : null;
  var midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  document.querySelectorAll("[data-age-of]").forEach(function (span) {
    var parts = (span.getAttribute("data-age-of") || "").split("-").map(Number);
    var then = new Date(parts[0], parts[1] - 1, parts[2]);  // local midnight of that day
    var days = Math.round((midnight.getTime() - then.getTime()) / 86400000);
    if (!words || isNaN(days) || days < 0) return;
    var age = days < 14 ? words.format(-days, "day") :
      days < 60 ? words.format(-Math.round(days / 7), "week") :
      days < 730 ? words.format(-Math.round(days / 30.44), "month") :
      words.format(-Math.round(days / 365.25), "year");
    span.textContent = ", " + age;
  });
})();

// The words of the controls below, in the page's language: the page gives them as JSON in
// `data-words` (the generator's catalogs), keyed by their English; English without.
function briefingWords(element) {
  var words = {};
  try { words = JSON.parse((element && element.getAttribute("data-words")) || "{}"); }
  catch (error) { words = {}; }
  return function (english) { return words[english] || english; };
}

// A select box with a label, for the reader controls below.
var briefingSelects = 0;
function briefingSelect(label, choices, onChange) {
  var wrap = document.createElement("span");
  var name = document.createElement("label");
  var select = document.createElement("select");
  briefingSelects += 1;
  select.id = "briefing-select-" + briefingSelects;
  name.htmlFor = select.id;
  name.textContent = label;
  wrap.appendChild(name);
  choices.forEach(function (choice) {
    var option = document.createElement("option");
    option.value = choice[0];
    option.textContent = choice[1];
    select.appendChild(option);
  });
  select.addEventListener("change", onChange);
  wrap.appendChild(select);
  return { label: wrap, select: select };
}

// The timeline: newest or oldest first, and only one actor's or one kind's events.
// Without script the page shows every event, oldest first.
(function () {
  var timeline = document.querySelector("[data-timeline]");
  if (!timeline) return;
  var days = Array.prototype.slice.call(timeline.querySelectorAll(".timeline__day"));
  var events = timeline.querySelectorAll(".timeline__event");
  var names = JSON.parse(timeline.getAttribute("data-actor-names") || "{}");
  var say = briefingWords(timeline);
  var kinds = [];
  events.forEach(function (event) {
    var kind = event.getAttribute("data-kind");
    if (kinds.indexOf(kind) < 0) kinds.push(kind);
  });
  kinds.sort();
  var bar = document.createElement("div");
  bar.className = "reader-controls";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", say("Show the timeline"));
  var order = briefingSelect(say("Order"), [["old", say("Oldest first")],
                                            ["new", say("Newest first")]], apply);
  var actor = briefingSelect(say("Actor"), [["", say("All actors")]].concat(
    Object.keys(names).map(function (id) { return [id, names[id]]; }).sort(function (a, b) {
      return a[1].localeCompare(b[1], document.documentElement.lang || "en");
    })), apply);
  var kind = briefingSelect(say("Kind"), [["", say("All kinds")]].concat(kinds.map(function (k) {
    return [k, say(k.charAt(0).toUpperCase() + k.slice(1))];
  })), apply);
  var count = document.createElement("span");
  count.setAttribute("aria-live", "polite");
  [order.label, actor.label, kind.label, count].forEach(function (e) { bar.appendChild(e); });
  timeline.parentNode.insertBefore(bar, timeline);

  function apply() {
    var shown = 0;
    days.forEach(function (day) {
      var any = false;
      day.querySelectorAll(".timeline__event").forEach(function (event) {
        var ok = (!actor.select.value ||
          event.getAttribute("data-actors").split(" ").indexOf(actor.select.value) >= 0) &&
          (!kind.select.value || event.getAttribute("data-kind") === kind.select.value);
        event.hidden = !ok;
        if (ok) { any = true; shown += 1; }
      });
      day.hidden = !any;
    });
    (order.select.value === "new" ? days.slice().reverse() : days).forEach(function (day) {
      timeline.appendChild(day);
    });
    count.textContent = say("{shown} of {total} events shown").replace("{shown}", shown)
      .replace("{total}", events.length);
  }
  apply();
})();

// The home page: only the briefings of one status, region or tag. The controls are in
// the page already (so it does not jump as they appear), hidden until wired here.
(function () {
  var desk = document.querySelector("[data-desk]");
  var bar = document.querySelector("[data-desk-controls]");
  if (!desk || !bar) return;
  var items = Array.prototype.slice.call(desk.querySelectorAll(".desk__item"));
  var selects = Array.prototype.slice.call(bar.querySelectorAll("select[data-filter]"));
  var count = bar.querySelector("[data-count]");

  function has(item, name, value) {
    return !value || JSON.parse(item.getAttribute(name) || "[]").indexOf(value) >= 0;
  }
  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var ok = selects.every(function (select) {
        return has(item, select.getAttribute("data-filter"), select.value);
      });
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    // The words come with the page, in its language: "{shown} of {total} briefings shown".
    var words = count.getAttribute("data-count-words") || "{shown} of {total} briefings shown";
    count.textContent = words.replace("{shown}", shown).replace("{total}", items.length);
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  apply();  // a browser may have kept a choice from before a reload
  bar.removeAttribute("data-pending");
})();

// The print version: the day it was printed, and where it came from.
(function () {
  var date = document.querySelector("[data-print-date]");
  if (date) {
    // In the page's language; English pages as the site writes dates ("7 Dec 2026").
    var lang = document.documentElement.lang || "en";
    date.textContent = new Date().toLocaleDateString(lang === "en" ? "en-GB" : lang,
      { day: "numeric", month: "short", year: "numeric" });
  }
  var address = document.querySelector("[data-page-address]");
  if (address) address.textContent = location.href.split("#")[0];
})();

// Search: the button opens a dialog; Pagefind's code and index load on first use only.
(function () {
  var button = document.querySelector(".briefing-search__open");
  var dialog = document.querySelector("dialog.briefing-search");
  if (!button || !dialog || !dialog.showModal) return;
  var root = new URL(dialog.getAttribute("data-root").replace(/\/?$/, "/"), location.href);
  var loaded = null;
  var pagefindUI = null;

  function load() {
    if (loaded) return loaded;
    // Pagefind's UI, and the search that forgives (briefing-search.js) around it.
    var parts = null;
    loaded = Promise.all([
      fetched("link", "pagefind/pagefind-ui.css"), fetched("link", "assets/briefing-search.css"),
      fetched("script", "pagefind/pagefind-ui.js"), fetched("script", "assets/briefing-search.js"),
      otherParts().then(function (found) { parts = found; })
    ]).then(function () {
      // The names and briefings the search forgives by are the page's language's, in the
      // folder of its edition (`fr/`), where its results are.
      return BriefingSearch.attach(dialog, new URL(dialog.getAttribute("data-edition") || "",
                                                   root));
    }).then(function (forgiving) {
      var element = dialog.querySelector(".briefing-search__ui");
      whenTypingPauses(element, TYPING_PAUSE_MS);
      pagefindUI = new PagefindUI({
        element: element,
        bundlePath: new URL("pagefind/", root).pathname,
        mergeIndex: parts.map(function (where) {
          return { bundlePath: new URL("pagefind/" + where, root).pathname };
        }),
        baseUrl: root.pathname,
        showSubResults: true,
        showImages: false,
        // The rest of Pagefind's usual wait (300 ms) after the typing pauses: it
        // fetches the pieces for the words meanwhile (its `preload`).
        debounceTimeoutMs: 300 - TYPING_PAUSE_MS,
        autofocus: true,
        resetStyles: false,
        processTerm: forgiving.processTerm,
        processResult: function (result) {
          return forgiving.processResult(escapeResult(result));
        }
      });
      forgiving.connect(pagefindUI);
    });
    return loaded;
  }

  // Pagefind fetches a piece of every part of the index for each term it is given,
  // on every keystroke (its `preload`): the piece that holds "a" is rarely the one
  // that holds "abadvelabad". Its input hears the words once typing pauses, so a name
  // typed quickly or pasted costs one piece a part, not one for each of its prefixes.
  var TYPING_PAUSE_MS = 150;

  function whenTypingPauses(element, ms) {
    var timer = null;
    var passing = false;
    element.addEventListener("input", function (event) {
      if (passing) return;
      // Held here, on the way down to the input, where Pagefind listens.
      event.stopPropagation();
      clearTimeout(timer);
      var input = event.target;
      timer = setTimeout(function () {
        passing = true;
        try {
          input.dispatchEvent(new Event("input", { bubbles: true }));
        } finally {
          passing = false;
        }
      }, ms);
    }, true);
  }

  // The plugin's index comes in parts (see generator/publish/search_index.py): the folders of all but
  // the first, which Pagefind merges into one search. An index that Pagefind made
  // alone (as for another builder, see the README) is whole and has no such list.
  function otherParts() {
    return fetch(new URL("pagefind/parts.json", root).href).then(function (response) {
      return response.status === 404 ? { merge: [] } : response.json();
    }).then(function (manifest) {
      return manifest.merge.filter(function (where) { return /^part-[0-9]+\/$/.test(where); });
    });
  }

  // A style sheet or script of the site's, added to the page; settles once it has loaded.
  function fetched(tag, path) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      if (tag === "link") {
        element.rel = "stylesheet";
        element.href = new URL(path, root).href;
      } else {
        element.src = new URL(path, root).href;
      }
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  // Pagefind's UI inserts excerpts as HTML, and an excerpt holds the page's text
  // as it reads, "<script>" included: escape it all, then restore the highlights.
  function escapeExcerpt(excerpt) {
    return String(excerpt || "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;")
      .replace(/&lt;mark&gt;/g, "<mark>").replace(/&lt;\/mark&gt;/g, "</mark>");
  }

  function escapeResult(result) {
    result.excerpt = escapeExcerpt(result.excerpt);
    (result.sub_results || []).forEach(function (sub) {
      sub.excerpt = escapeExcerpt(sub.excerpt);
    });
    return result;
  }

  // Open search; with a `query`, search for it at once.
  function open(query) {
    dialog.showModal();
    load().then(function () {
      if (typeof query === "string" && query.trim()) pagefindUI.triggerSearch(query.trim());
      var input = dialog.querySelector(".briefing-search__ui input");
      if (input) input.focus();
    });
  }

  button.removeAttribute("data-pending");
  button.addEventListener("click", function () { open(); });
  // A search form on a page (the 404 page's): it opens the same search.
  document.querySelectorAll("form[data-search-form]").forEach(function (form) {
    var field = form.querySelector("input");
    if (field && field.hasAttribute("data-from-address")) {
      // The words of the address that was not found: "…/actors/talibn/" gives "talibn".
      var last = location.pathname.split("/").filter(Boolean).pop() || "";
      try { last = decodeURIComponent(last); } catch (error) { /* leave it as it is */ }
      last = last.replace(/\.html?$/, "").replace(/[-_+]+/g, " ").trim();
      field.value = last === "404" ? "" : last;
    }
    form.removeAttribute("data-pending");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      open(field ? field.value : "");
    });
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) ||
      event.target.isContentEditable;
    if (event.key === "/" && !typing && !dialog.open) {
      event.preventDefault();
      open();
    }
  });
  // A click on the backdrop closes the dialog.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
})();
