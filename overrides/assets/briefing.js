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
