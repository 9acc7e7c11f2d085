// Search that forgives, on top of Pagefind's search dialog (see briefing.js, which loads
// this file when the reader first opens search):
// - a query made only of very common words ("and", "the") is not searched: Pagefind would
//   return nearly every page; the dialog says why instead;
// - when a search finds nothing, the names index (search/names.json, written by the
//   generator's search_names.py) is fetched once, and the actors whose names, aliases or
//   native names come nearest to the query are offered as links to their pages; so too,
//   under the results, for the words Pagefind matched only to stand-ins ("and" for
//   "Andrabee", see astray). A misspelt place ("Istambul") is offered as the same search
//   spelled as the briefings spell it, one click away. Pagefind's results are always
//   shown: a suggestion is only ever offered beside them;
// - on a site of several briefings, each result says which briefing it belongs to on a
//   line of its own (the result's title is the page's own title), and a list of the
//   briefings' titles narrows the search to one (Pagefind's own filter panel would show
//   their folder names).
// Names come from editors' YAML: they are only ever inserted as text (textContent).
(function () {
  "use strict";

  // Function words that say nothing about a page on their own. Not listed, because they
  // are also names: "us" (US), "who" (WHO), "it" (IT), "am" (AM), "may" (May).
  var STOP_WORDS = new Set((
    "a an and are as at be been but by did do does for from had has have he her his how " +
    "i if in into is its me my no nor not of on or our she so than that the their them " +
    "then there these they this those to too very was we were what when where which " +
    "while will with would you your"
  ).split(" "));

  // Letters that Unicode decomposition leaves whole (so "Walesa" finds "Wałęsa"), and
  // Arabic-script letters that Arabic and Persian keyboards write differently.
  var LETTERS = {
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe",
    "ı": "i", "ħ": "h", "ŧ": "t", "ŀ": "l",
    "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ـ": ""
  };
  var OTHER_LETTERS = new RegExp("[" + Object.keys(LETTERS).join("") + "]", "g");

  /** Text as search compares it: no case, no diacritics, one form per letter. */
  function fold(text) {
    return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(OTHER_LETTERS, function (letter) { return LETTERS[letter]; });
  }

  /** The folded words of a text. Apostrophes join ("O'Brien" is "obrien"); any other
   *  character that is not a letter or a digit (hyphen, space, Persian zero-width
   *  non-joiner) separates. */
  function words(text) {
    return fold(text).replace(/['’ʼ`]/g, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function isCommon(word) {
    return STOP_WORDS.has(word) || /^[a-z]$/.test(word);
  }

  /** What Pagefind should search for: the query without its very common words (and
   *  without bits that hold no letter or digit), when other words remain; "" when none
   *  does. An exact phrase ("...") is kept whole. */
  function searchable(term) {
    if (/^\s*".+"\s*$/.test(term)) return term;
    var kept = term.split(/\s+/).filter(function (token) {
      return !words(token).every(isCommon);
    });
    return kept.join(" ").trim();
  }

  // Letters that transliterations write for one another, by class: vowels, and a few
  // consonants ("Qatar", "Katar"; "Mawlawi", "Mawlavi").
  var KIN = {a: "v", e: "v", i: "v", o: "v", u: "v", y: "v",
             k: "k", q: "k", c: "k", v: "w", w: "w", s: "s", z: "s"};

  // What it costs to write one letter for another: transliterations differ mostly in
  // vowels (Najib, Najeeb), so a letter of the same class costs half.
  function swapCost(a, b) {
    if (a === b) return 0;
    var kin = KIN[a];
    return kin !== undefined && kin === KIN[b] ? 0.5 : 1;
  }

  // What it costs to add or leave out letter i of a word: half for a vowel, an "h"
  // (Zabiullah, Zabihullah) or a doubled letter (Bahis, Bahiss).
  function gapCost(letters, i) {
    var letter = letters[i];
    if (KIN[letter] === "v" || letter === "h" || letter === letters[i - 1] ||
        letter === letters[i + 1]) return 0.5;
    return 1;
  }

  // Rows of the distance table, kept from one comparison to the next: thousands of
  // comparisons per query would otherwise leave thousands of arrays to collect.
  var rows = [[], [], []];

  /** Damerau-Levenshtein distance (optimal string alignment) between two words made
   *  ready by `term`, with the costs above. Past `limit` it stops and returns a value
   *  above it. */
  function distance(a, b, limit) {
    var x = a.letters, y = b.letters, xGaps = a.gaps, yGaps = b.gaps;
    // Three rows of the table: two back (for a transposition), one back, and this one.
    var before = rows[0], last = rows[1], row = rows[2];
    var i, j;
    row[0] = 0;
    for (j = 1; j <= y.length; j++) row[j] = row[j - 1] + yGaps[j - 1];
    for (i = 1; i <= x.length; i++) {
      var spare = before;
      before = last;
      last = row;
      row = spare;
      var gap = xGaps[i - 1];
      row[0] = last[0] + gap;
      var least = row[0];
      for (j = 1; j <= y.length; j++) {
        var best = Math.min(last[j] + gap, row[j - 1] + yGaps[j - 1],
                            last[j - 1] + swapCost(x[i - 1], y[j - 1]));
        if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
          best = Math.min(best, before[j - 2] + 1);
        }
        row[j] = best;
        if (best < least) least = best;
      }
      if (least > limit) return least; // no cell of a later row can be smaller
    }
    return row[y.length];
  }

  /** How alike two folded words are, from 0 (nothing alike) to 1 (the same). */
  function similarity(a, b) {
    var longest = Math.max(Array.from(a).length, Array.from(b).length);
    return longest ? 1 - distance(term(a), term(b), Infinity) / longest : 0;
  }

  // Words at least this alike are taken for the same name. Tuned on transliterations
  // and typos of real names (tests/test_search_forgives.py lists them): every variant
  // there scores 0.83 or more (Najib/Najeeb), while different names stay below
  // (Iraq/Iran 0.75, Hama/Hamas and Mujahid/Mujahideen 0.8).
  var THRESHOLD = 0.82;

  // A folded word ready to compare: its characters, and what adding or leaving out each
  // one costs.
  function term(text) {
    var letters = Array.from(text);
    return {text: text, letters: letters, length: letters.length,
            gaps: letters.map(function (letter, i) { return gapCost(letters, i); })};
  }

  // How alike a query's word and a name's word are, if alike enough to count (else 0).
  // Most pairs are ruled out by their lengths alone (a letter added or left out costs at
  // least half), most others within a few rows of the table.
  function alike(word, other) {
    var longest = Math.max(word.length, other.length);
    var most = (1 - THRESHOLD) * longest; // the most distance that still counts
    if (!longest || Math.abs(word.length - other.length) * 0.5 > most) return 0;
    var value = 1 - distance(word, other, most) / longest;
    return value < THRESHOLD ? 0 : value;
  }

  // How well a name answers the query's words: the sum of each query word's best
  // likeness to a word of the name, over the number of query words. The query run
  // together is also compared with runs of the name's words run together, so
  // "Zabih ullah" finds "Zabihullah" and back.
  function score(query, name) {
    var sum = 0;
    query.words.forEach(function (word) {
      var best = 0;
      name.words.forEach(function (other) { best = Math.max(best, alike(word, other)); });
      sum += best;
    });
    var found = sum / query.words.length;
    if (query.words.length > 1 || name.words.length > 1) {
      name.runs.forEach(function (run) { found = Math.max(found, alike(query.joined, run)); });
    }
    return found;
  }

  /** The actors of a names index nearest to `query`, best first, at most `limit`: each as
   *  {actor, label, score}, where label is the name that matched. `actors` is the index
   *  as `actorsOf` lists it. */
  function nearest(query, actors, limit) {
    return nearestTo(keywords(query), actors, limit);
  }

  /** Every actor of the names index (search/names.json), each with its briefing's slug,
   *  the address of its page relative to the site's root, and its names ready to compare
   *  (folded once here, not for every query). */
  function actorsOf(index) {
    var actors = [];
    Object.keys(index.briefings || {}).forEach(function (slug) {
      index.briefings[slug].forEach(function (actor) {
        var labels = [actor.name].concat(actor.aliases || [], actor.native || []);
        actors.push({
          briefing: slug, name: actor.name, labels: labels.map(prepared),
          // Slugs and ids are lowercase letters, digits and hyphens: safe in an address.
          url: index.actor_url.replace("{briefing}", slug).replace("{id}", actor.id)
        });
      });
    });
    return actors;
  }

  /** Every place of the names index: where each briefing's events happened, as written,
   *  ready to compare like an actor's names. */
  function placesOf(index) {
    var places = [];
    var seen = new Set();
    Object.keys(index.places || {}).forEach(function (slug) {
      index.places[slug].forEach(function (place) {
        if (seen.has(place)) return;
        seen.add(place);
        places.push({name: place, labels: [prepared(place)]});
      });
    });
    return places;
  }

  /** The query with each of its `lost` words as the word of `label` nearest to it, spelled
   *  as the label spells it ("Istambul talks" for the place "Istanbul, Türkiye" is
   *  "Istanbul talks"). */
  function respelled(query, lost, label) {
    return query.split(/(\s+)/).map(function (token) {
      var folded = words(token);
      if (folded.length !== 1 || lost.indexOf(folded[0]) < 0) return token;
      var word = term(folded[0]);
      var best = null;
      label.words.forEach(function (other, i) {
        var value = alike(word, other);
        if (value > 0 && (!best || value > best.value)) best = {value: value, i: i};
      });
      return best ? label.written[best.i] : token;
    }).join("").trim();
  }

  // A name's words, and every run of up to four of them written together.
  function prepared(label) {
    var folded = words(label);
    var runs = [];
    for (var start = 0; start < folded.length; start++) {
      for (var end = start + 1; end <= folded.length && end - start <= 4; end++) {
        runs.push(term(folded.slice(start, end).join("")));
      }
    }
    // Its words as written, where they line up with the folded ones (to offer a place's
    // word in its own spelling).
    var written = String(label).replace(/['’ʼ`]/g, "").split(/[^\p{L}\p{N}\p{M}]+/u)
      .filter(Boolean);
    if (written.length !== folded.length) written = folded;
    return {text: label, words: folded.map(term), runs: runs, written: written};
  }

  function keywords(query) {
    return words(query).filter(function (word) { return !isCommon(word); });
  }

  function nearestTo(wanted, actors, limit) {
    if (!wanted.length) return [];
    var query = {words: wanted.map(term), joined: term(wanted.join(""))};
    var found = [];
    actors.forEach(function (actor) {
      var best = null;
      actor.labels.forEach(function (label) {
        var value = score(query, label);
        if (value > 0 && (!best || value > best.score)) {
          best = {actor: actor, label: label.text, score: value};
        }
      });
      if (best) found.push(best);
    });
    found.sort(function (a, b) { return b.score - a.score; });
    return found.slice(0, limit || 5);
  }

  /** The query's words that Pagefind did not find as typed, judging by the words it
   *  highlighted in the results. When no page has a word, Pagefind searches instead for
   *  the longest indexed word that the query's word starts with: "Andrabee" finds every
   *  page with "and", "Istambul" every page with "is". A word found as typed, or by its
   *  stem, shares at least its first four letters (or all, if shorter) with a highlight;
   *  such a stand-in does not. */
  function astray(wanted, highlighted) {
    return wanted.filter(function (word) {
      var need = Math.min(Array.from(word).length, 4);
      return !highlighted.some(function (other) { return sharedStart(word, other) >= need; });
    });
  }

  function sharedStart(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  }

  function owns(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  // The dialog: load the names index when needed, and keep the suggestions region in
  // step with what Pagefind shows.
  function attach(dialog, root) {
    var ui = dialog.querySelector(".briefing-search__ui");
    // Its words in the page's language, as the page gives them (`data-words`, by English).
    var said = {};
    try { said = JSON.parse(dialog.getAttribute("data-words") || "{}"); }
    catch (error) { said = {}; }
    function say(english) { return said[english] || english; }
    var several = dialog.hasAttribute("data-several-briefings");
    var region = document.createElement("div");
    region.className = "briefing-search__forgive";
    region.setAttribute("role", "status"); // a polite live region: read out, not focused
    ui.after(region);
    var actors = null;
    var places = [];
    var fetching = null;
    var titles = {};
    var lastTerm = "";
    var shown = null;

    function names() {
      if (!fetching) {
        fetching = data("search/names.json").then(function (index) {
          actors = index.briefings && index.actor_url ? actorsOf(index) : [];
          places = placesOf(index);
        });
      }
      return fetching;
    }

    function processTerm(term) {
      lastTerm = term;
      return searchable(term);
    }

    function processResult(result) {
      // A page's first section is usually its own heading, which would repeat the
      // result's title as a nested result: show it as the page's excerpt instead.
      var first = (result.sub_results || [])[0];
      if (first && first.title === result.meta.title) first.url = result.url;
      var path = new URL(result.url, location.href).pathname;
      var slug = path.slice(root.pathname.length).split("/")[0];
      if (path.indexOf(root.pathname) === 0 && owns(titles, slug)) {
        result.meta.briefing = titles[slug];
      }
      return result;
    }

    // What to show with Pagefind's results for the query on screen now: nothing, a
    // hint, or the nearest names, for the whole query when it found nothing, else for
    // the words that went astray (see `astray`).
    function update() {
      var input = ui.querySelector("input");
      var list = ui.querySelector(".pagefind-ui__results");
      var term = lastTerm;
      if (!list || !input || input.value.trim() === "") return show(null);
      if (!searchable(term)) return show({hint: term});
      var wanted = keywords(term);
      var results = list.querySelectorAll(".pagefind-ui__result").length;
      var lost = wanted;
      if (results) {
        if (list.querySelector(".pagefind-ui__loading")) return; // excerpts still coming
        var highlighted = [];
        list.querySelectorAll("mark").forEach(function (mark) {
          highlighted.push.apply(highlighted, words(mark.textContent));
        });
        lost = highlighted.length ? astray(wanted, highlighted) : [];
        if (!lost.length) return show(null);
      }
      if (!actors) {
        names().then(update);
        return;
      }
      var respellings = [];
      nearestTo(lost, places, 5).forEach(function (match) {
        var label = match.actor.labels[0];
        var query = respelled(term, lost, label);
        if (query !== term.trim() && respellings.indexOf(query) < 0) respellings.push(query);
      });
      show({term: term, found: nearestTo(lost, actors, 5), respellings: respellings.slice(0, 3)});
    }

    // Search again for `query`, as if the reader had typed it.
    function searchFor(query) {
      var input = ui.querySelector("input");
      input.value = query;
      input.dispatchEvent(new Event("input", {bubbles: true}));
      input.focus();
    }

    function show(state) {
      var key = JSON.stringify(state && [state.hint, state.term,
        (state.found || []).map(function (match) { return match.actor.url; }),
        state.respellings]);
      if (key === shown) return;
      shown = key;
      region.replaceChildren();
      // Which query the region answers, even with nothing to offer (tests wait on it).
      if (!state) {
        region.removeAttribute("data-query");
        return;
      }
      region.setAttribute("data-query", "hint" in state ? state.hint : state.term);
      if ("hint" in state) {
        paragraph("briefing-search__hint").textContent =
          words(state.hint).every(function (word) { return word.length < 2; })
            ? say("Type a few more letters.")
            : say("“{query}” is too common to search for on its own: add a name, a place " +
                  "or another word.").replace("{query}", state.hint.trim());
        return;
      }
      if (!state.found.length && !state.respellings.length) return;
      paragraph("briefing-search__suggest-title").textContent = say("Did you mean");
      var list = document.createElement("ul");
      list.className = "briefing-search__suggestions";
      state.respellings.forEach(function (query) {
        var item = document.createElement("li");
        var again = document.createElement("button");
        again.type = "button";
        again.className = "briefing-search__respelled";
        again.textContent = query;
        again.addEventListener("click", function () { searchFor(query); });
        item.append(again, " ");
        var what = document.createElement("span");
        what.className = "briefing-search__where";
        what.textContent = say("search for this place");
        item.appendChild(what);
        list.appendChild(item);
      });
      state.found.forEach(function (match) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = new URL(match.actor.url, root).href;
        link.textContent = match.actor.name;
        item.appendChild(link);
        if (match.label !== match.actor.name) {
          var also = document.createElement("bdi");
          also.className = "briefing-search__also";
          also.textContent = match.label;
          item.append(" (", also, ")");
        }
        if (owns(titles, match.actor.briefing)) {
          var where = document.createElement("span");
          where.className = "briefing-search__where";
          where.textContent = titles[match.actor.briefing];
          item.appendChild(where);
        }
        list.appendChild(item);
      });
      region.appendChild(list);
    }

    function paragraph(className) {
      var element = document.createElement("p");
      element.className = className;
      region.appendChild(element);
      return element;
    }

    var pending = false;
    new MutationObserver(function () {
      // Many changes arrive at once when Pagefind renders: look once they are all in.
      if (pending) return;
      pending = true;
      queueMicrotask(function () { pending = false; update(); });
    }).observe(ui, {childList: true, subtree: true});

    // One of the site's JSON files, or {} if it cannot be had (search works on without).
    // Revalidated, not trusted from cache: a rebuilt site may have renamed an actor.
    function data(path) {
      return fetch(new URL(path, root).href, {cache: "no-cache"})
        .then(function (response) { return response.ok ? response.json() : {}; })
        .catch(function () { return {}; });
    }

    // With several briefings, each result names its own: their titles are needed at once.
    var ready = !several ? Promise.resolve() : data("search/briefings.json").then(
      function (list) { titles = list.titles || {}; });
    return ready.then(function () {
      return {processTerm: processTerm, processResult: processResult,
              connect: function (pagefindUI) { if (several) choice(pagefindUI); }};
    });

    // The briefings by title, to narrow the search to one: a single line, in place of
    // Pagefind's filter panel. Titles are editors' text: set as text, never as HTML.
    function choice(pagefindUI) {
      var label = document.createElement("label");
      label.className = "briefing-search__choice";
      var select = document.createElement("select");
      select.name = "briefing";
      var all = document.createElement("option");
      all.value = "";
      all.textContent = say("All briefings");
      select.appendChild(all);
      Object.keys(titles).sort(function (a, b) {
        return titles[a].localeCompare(titles[b]);
      }).forEach(function (slug) {
        var option = document.createElement("option");
        option.value = slug;
        option.textContent = titles[slug];
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        pagefindUI.triggerFilters(select.value ? {briefing: [select.value]} : {});
      });
      label.append(say("Briefing") + " ", select);
      ui.before(label);
    }
  }

  window.BriefingSearch = {
    fold: fold, words: words, searchable: searchable, similarity: similarity,
    nearest: nearest, actorsOf: actorsOf, placesOf: placesOf, respelled: respelled,
    astray: astray, attach: attach,
    threshold: THRESHOLD
  };
})();
