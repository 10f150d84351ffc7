/* Shared by the chart pages: fetch JSON from this app and embed Vega / Vega-Lite specs under the
   Content-Security-Policy: Vega's expression interpreter instead of eval, no injected style
   elements (app.css holds the tooltip style), tooltips escaped by vega-tooltip. Data always
   comes as JSON from the API and is passed to Vega as values, never written into code. */
(function () {
  "use strict";

  function fetchJSON(url) {
    if (typeof url !== "string" || url.charAt(0) !== "/" || url.charAt(1) === "/") {
      return Promise.reject(new Error("not a path of this site: " + url));
    }
    return fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) {
        if (!response.ok) {
          throw new Error(url + ": HTTP " + response.status);
        }
        return response.json();
      });
  }

  function embed(el, spec) {
    return vegaEmbed(el, spec, {
      ast: true,
      expr: vega.expressionInterpreter,
      actions: false,
      renderer: "svg",
      defaultStyle: false,
      tooltip: {disableDefaultStyle: true}
    });
  }

  function note(el, text) {
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = text;
    el.replaceChildren(p);
  }

  function fail(el) {
    return function (error) {
      note(el, "Could not draw the chart: " + error.message);
      throw error;
    };
  }

  window.thuCharts = {fetchJSON: fetchJSON, embed: embed, note: note, fail: fail};
})();
