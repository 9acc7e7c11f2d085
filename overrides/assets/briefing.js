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
    loaded = new Promise(function (resolve, reject) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("pagefind/pagefind-ui.css", root).href;
      document.head.appendChild(style);
      var script = document.createElement("script");
      script.src = new URL("pagefind/pagefind-ui.js", root).href;
      script.onload = function () {
        new PagefindUI({
          element: dialog.querySelector(".briefing-search__ui"),
          bundlePath: new URL("pagefind/", root).pathname,
          baseUrl: root.pathname,
          showSubResults: true,
          showImages: false,
          autofocus: true,
          resetStyles: false,
          processResult: escapeResult
        });
        resolve();
      };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loaded;
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
