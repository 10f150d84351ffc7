/* The dyad timeline: cooperation (up) and conflict (down) per period as stacked bars, with the
   mean Goldstein score as a line on its own axis. */
(function () {
  "use strict";
  var KINDS = [
    ["verbal_cooperation", "verbal cooperation", 1],
    ["material_cooperation", "material cooperation", 1],
    ["verbal_conflict", "verbal conflict", -1],
    ["material_conflict", "material conflict", -1]
  ];

  function bars(periods) {
    var rows = [];
    periods.forEach(function (p) {
      KINDS.forEach(function (k) {
        if (p[k[0]] > 0) {
          rows.push({period: p.period, kind: k[1], events: p[k[0]], value: k[2] * p[k[0]]});
        }
      });
    });
    return rows;
  }

  function spec(data) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: data.periods.length < 12 ? {step: 64} : "container",
      height: 320,
      layer: [{
        data: {values: bars(data.periods)},
        mark: {type: "bar"},
        encoding: {
          x: {field: "period", type: "ordinal", title: data.period, sort: "ascending",
              axis: {labelOverlap: "greedy", labelAngle: -45}},
          y: {field: "value", type: "quantitative", stack: "zero",
              title: "events: cooperation ↑ conflict ↓", axis: {tickMinStep: 1}},
          color: {field: "kind", type: "nominal", title: null,
                  scale: {domain: KINDS.map(function (k) { return k[1]; }),
                          range: ["#9cc3ff", "#2f6fd6", "#f4a29c", "#c8322b"]},
                  legend: {orient: "bottom"}},
          tooltip: [{field: "period", title: data.period}, {field: "kind"},
                    {field: "events", type: "quantitative"}]
        }
      }, {
        data: {values: data.periods},
        mark: {type: "line", point: true, color: "#1d2330"},
        encoding: {
          x: {field: "period", type: "ordinal", sort: "ascending"},
          y: {field: "mean_goldstein", type: "quantitative", title: "mean Goldstein",
              scale: {domain: [-10, 10]}, axis: {orient: "right"}},
          tooltip: [{field: "period", title: data.period},
                    {field: "mean_goldstein", type: "quantitative", format: "+.1f",
                     title: "mean Goldstein"},
                    {field: "events", type: "quantitative"}]
        }
      }],
      resolve: {scale: {y: "independent"}}
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("chart");
    thuCharts.fetchJSON(el.dataset.src).then(function (data) {
      if (!data.periods.length) {
        thuCharts.note(el, "No events for this pair.");
        return null;
      }
      return thuCharts.embed(el, spec(data));
    }).catch(thuCharts.fail(el));
  });
})();
