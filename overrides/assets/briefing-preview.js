// Under `mkdocs serve` only (the briefing plugin adds this script to previews): the
// problems of the last save, over the page the editor is looking at, until a good save.
(function () {
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var url = new URL("briefing-problems.json", script.src);
  fetch(url.href, { cache: "no-store" }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (report) {
    if (!report || !report.problems.length) return;
    var panel = document.createElement("aside");
    panel.className = "briefing-problems";
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-label", "Problems in the content");
    var heading = document.createElement("p");
    var strong = document.createElement("strong");
    var colon = report.heading.indexOf(":");
    strong.textContent = report.heading.slice(0, colon);
    heading.appendChild(strong);
    heading.appendChild(document.createTextNode(report.heading.slice(colon)));
    panel.appendChild(heading);
    var list = document.createElement("ul");
    report.problems.forEach(function (problem) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = problem;
      item.appendChild(code);
      list.appendChild(item);
    });
    panel.appendChild(list);
    document.body.insertBefore(panel, document.body.firstChild);
  }).catch(function () {});
})();
