/* The actor page: the knowledge base's roles as bars over time (for a country or body, the
   holders of each office, one lane per office), and the actor's events per
   month in this store (as source and as target). */
(function () {
  "use strict";

  function rolesSpec(roles) {
    var today = new Date().toISOString().slice(0, 10);
    var rows = roles.map(function (r) {
      return {lane: r.holder_name ? r.office.replace(/_/g, " ") : r.title,
              role: r.title + (r.holder_name ? ": " + r.holder_name : ""), code: r.code,
              start: r.start, end: r.end || today, open: r.end ? r.end : "now"};
    });
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container",
      height: {step: 22},
      autosize: {type: "fit-x", contains: "padding"},
      data: {values: rows},
      mark: {type: "bar", cornerRadius: 2, stroke: "#ffffff", strokeWidth: 1},
      encoding: {
        y: {field: "lane", type: "nominal", title: null, sort: {field: "start"}},
        x: {field: "start", type: "temporal", title: null, axis: {format: "%b %Y"}},
        x2: {field: "end"},
        color: {field: "code", type: "nominal", title: "code"},
        tooltip: [{field: "role"}, {field: "code"}, {field: "start", title: "from"},
                  {field: "open", title: "to"}]
      }
    };
  }

  function activitySpec(timeline) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container",
      height: 160,
      data: {values: timeline},
      mark: {type: "bar"},
      encoding: {
        x: {field: "period", type: "ordinal", title: "month"},
        y: {field: "events", type: "quantitative", title: "events"},
        color: {field: "side", type: "nominal", title: "as",
                scale: {domain: ["source", "target"], range: ["#2f6fd6", "#d4561c"]}},
        tooltip: [{field: "period"}, {field: "side"}, {field: "events"},
                  {field: "mean_goldstein", format: "+.1f", title: "mean Goldstein"}]
      }
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("roles");
    thuCharts.fetchJSON(el.dataset.src).then(function (actor) {
      var roles = actor.roles.length ? actor.roles : actor.offices;
      var activity = document.getElementById("activity");
      if (activity && actor.store && actor.store.timeline.length) {
        thuCharts.embed(activity, activitySpec(actor.store.timeline))
          .catch(thuCharts.fail(activity));
      }
      if (!roles.length) {
        thuCharts.note(el, "No roles in the knowledge base.");
        return null;
      }
      return thuCharts.embed(el, rolesSpec(roles));
    }).catch(thuCharts.fail(el));
  });
})();
