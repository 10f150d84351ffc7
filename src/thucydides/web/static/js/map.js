/* The map: Natural Earth country outlines (vendored TopoJSON) and one circle per place events
   were located at; size = number of events, colour = mean Goldstein score. */
(function () {
  "use strict";

  function spec(world, places, countries) {
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container",
      height: 460,
      projection: {type: "equalEarth"},
      layer: [{
        data: {url: world, format: {type: "topojson", feature: "countries"}},
        mark: {type: "geoshape", fill: "#e3e8ef", stroke: "#ffffff", strokeWidth: 0.6}
      }, {
        // the choropleth: events per country of their actors and places
        data: {url: world, format: {type: "topojson", feature: "countries"}},
        transform: [{lookup: "id", from: {data: {values: countries}, key: "numeric",
                                          fields: ["country", "name", "events",
                                                   "mean_goldstein"]}},
                    {filter: "datum.events > 0"}],
        mark: {type: "geoshape", stroke: "#ffffff", strokeWidth: 0.6, cursor: "pointer"},
        encoding: {
          color: {field: "events", type: "quantitative", title: "events per country",
                  scale: {type: "sqrt", scheme: "blues"}, legend: {orient: "bottom"}},
          tooltip: [{field: "name", title: "country"}, {field: "country", title: "code"},
                    {field: "events", type: "quantitative"},
                    {field: "mean_goldstein", type: "quantitative", format: "+.1f",
                     title: "mean Goldstein"}]
        }
      }, {
        data: {values: places},
        mark: {type: "circle", opacity: 0.85, stroke: "#1d2330", strokeWidth: 0.6},
        encoding: {
          longitude: {field: "lon", type: "quantitative"},
          latitude: {field: "lat", type: "quantitative"},
          size: {field: "events", type: "quantitative", scale: {range: [40, 900]},
                 title: "events"},
          color: {field: "mean_goldstein", type: "quantitative", title: "mean Goldstein",
                  scale: {scheme: "redblue", domain: [-10, 10]}, legend: {orient: "bottom"}},
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
    Promise.all([thuCharts.fetchJSON(el.dataset.src),
                 thuCharts.fetchJSON(el.dataset.countries)]).then(function (found) {
      var places = found[0], countries = found[1];
      document.getElementById("map-note").textContent = countries.length + " countries, " +
        places.length + " places. Click a country for its events.";
      return thuCharts.embed(el, spec(world, places, countries)).then(function (result) {
        result.view.addEventListener("click", function (event, item) {
          var d = item && item.datum;
          var code = d && (d.country || (d.properties && d.properties.country));
          if (typeof code === "string" && /^[A-Z]{3}$/.test(code)) {
            window.location.assign("/?country=" + code);
          }
        });
        return result;
      });
    }).catch(thuCharts.fail(el));
  });
})();
