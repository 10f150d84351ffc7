/* The map: Natural Earth country outlines (vendored TopoJSON) and one circle per place events
   were located at; size = number of events, colour = mean Goldstein score. */
(function () {
  "use strict";

  function spec(world, places) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container",
      height: 460,
      projection: {type: "equalEarth"},
      layer: [{
        data: {url: world, format: {type: "topojson", feature: "countries"}},
        mark: {type: "geoshape", fill: "#e3e8ef", stroke: "#ffffff", strokeWidth: 0.6}
      }, {
        data: {values: places},
        mark: {type: "circle", opacity: 0.85, stroke: "#1d2330", strokeWidth: 0.6},
        encoding: {
          longitude: {field: "lon", type: "quantitative"},
          latitude: {field: "lat", type: "quantitative"},
          size: {field: "events", type: "quantitative", scale: {range: [40, 900]},
                 title: "events"},
          color: {field: "mean_goldstein", type: "quantitative", title: "mean Goldstein",
                  scale: {scheme: "redblue", domain: [-10, 10]}},
          tooltip: [{field: "name", title: "place"}, {field: "country"},
                    {field: "events", type: "quantitative"},
                    {field: "mean_goldstein", type: "quantitative", format: "+.1f",
                     title: "mean Goldstein"}]
        }
      }]
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("map");
    var world = el.dataset.world;
    thuCharts.fetchJSON(el.dataset.src).then(function (places) {
      document.getElementById("map-note").textContent = places.length
        ? places.length + " places."
        : "No event in this selection has a location.";
      return thuCharts.embed(el, spec(world, places));
    }).catch(thuCharts.fail(el));
  });
})();
