// Small enhancements for readers; the pages work without them.

// Show the "may be out of date" notice when the reader's today is past review_by,
// even if the site was built before that day.
(function () {
  var today = new Date().toISOString().slice(0, 10);
  document.querySelectorAll(".briefing-stale[data-review-by]").forEach(function (notice) {
    if (notice.getAttribute("data-review-by") < today) {
      notice.hidden = false;
    }
  });
})();

// Search: the button opens a dialog; Pagefind's code and index load on first use only.
(function () {
  var button = document.querySelector(".briefing-search__open");
  var dialog = document.querySelector("dialog.briefing-search");
  if (!button || !dialog || !dialog.showModal) return;
  var root = new URL(dialog.getAttribute("data-root").replace(/\/?$/, "/"), location.href);
  var loaded = null;

  function load() {
    if (loaded) return loaded;
    // Pagefind's UI, and the search that forgives (briefing-search.js) around it.
    loaded = Promise.all([
      fetched("link", "pagefind/pagefind-ui.css"), fetched("link", "assets/briefing-search.css"),
      fetched("script", "pagefind/pagefind-ui.js"), fetched("script", "assets/briefing-search.js")
    ]).then(function () {
      return BriefingSearch.attach(dialog, root);
    }).then(function (forgiving) {
      new PagefindUI({
        element: dialog.querySelector(".briefing-search__ui"),
        bundlePath: new URL("pagefind/", root).pathname,
        baseUrl: root.pathname,
        showSubResults: true,
        showImages: false,
        autofocus: true,
        resetStyles: false,
        processTerm: forgiving.processTerm,
        processResult: function (result) {
          return forgiving.processResult(escapeResult(result));
        }
      });
    });
    return loaded;
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

  function open() {
    dialog.showModal();
    load().then(function () {
      var input = dialog.querySelector("input");
      if (input) input.focus();
    });
  }

  button.hidden = false;
  button.addEventListener("click", open);
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
