/* The actor network: a Vega force layout, computed in full before drawing (static), with one curve
   per source -> target pair (the two directions bend to opposite sides); width = number of events, colour = mean Goldstein score. */
(function () {
  "use strict";

  function graph(data, width, height) {
    var index = {};
    var nodes = data.nodes.map(function (n, i) {
      index[n.id] = i;
      return {id: n.id, label: n.label, code: n.code, events: n.events,
              home_x: width / 2, home_y: height / 2};
    });
    var links = data.edges.map(function (e) {
      return {source: index[e.source], target: index[e.target], events: e.events,
              mean_goldstein: e.mean_goldstein, from: e.source_label, to: e.target_label};
    });
    return {nodes: nodes, links: links};
  }

  function spec(g, width, height) {
    return {
      $schema: "https://vega.github.io/schema/vega/v6.json",
      width: width,
      height: height,
      padding: 48,
      autosize: "none",
      signals: [{name: "cx", update: "width / 2"}, {name: "cy", update: "height / 2"}],
      data: [{name: "node-data", values: g.nodes}, {name: "link-data", values: g.links}],
      scales: [
        {name: "tone", type: "linear", domain: [-10, 10], range: {scheme: "redblue"}},
        {name: "width", type: "sqrt", domain: {data: "link-data", field: "events"},
         range: [1.5, 9]},
        {name: "size", type: "sqrt", domain: {data: "node-data", field: "events"},
         range: [60, 700]}
      ],
      marks: [{
        name: "nodes", type: "symbol", zindex: 1, from: {data: "node-data"},
        encode: {enter: {
          fill: {value: "#1f3a5f"}, stroke: {value: "#fff"}, cursor: {value: "pointer"},
          size: {scale: "size", field: "events"},
          tooltip: {signal: "{'actor': datum.label, 'code': datum.code, 'events': datum.events}"}
        }},
        transform: [{type: "force", iterations: 300, static: true, forces: [
          {force: "center", x: {signal: "cx"}, y: {signal: "cy"}},
          {force: "collide", radius: 28},
          {force: "nbody", strength: -260},
          {force: "link", links: "link-data", distance: 140},
          {force: "x", x: "datum.home_x", strength: 0.12},
          {force: "y", y: "datum.home_y", strength: 0.12}
        ]}]
      }, {
        name: "links", type: "path", from: {data: "link-data"},
        encode: {update: {
          stroke: {scale: "tone", field: "mean_goldstein"},
          strokeWidth: {scale: "width", field: "events"}, strokeOpacity: {value: 0.8},
          tooltip: {signal: "{'from': datum.from, 'to': datum.to, 'events': datum.events, " +
                            "'mean Goldstein': format(datum.mean_goldstein, '+.1f')}"}
        }},
        transform: [{type: "linkpath", shape: "curve", sourceX: "datum.source.x",
                     sourceY: "datum.source.y", targetX: "datum.target.x",
                     targetY: "datum.target.y"}]
      }, {
        type: "text", from: {data: "nodes"}, zindex: 2, interactive: false,
        encode: {update: {
          x: {field: "x"}, y: {field: "y"}, dy: {value: -14}, align: {value: "center"},
          text: {field: "datum.label"}, fontSize: {value: 11}, fill: {value: "#1d2330"}
        }}
      }]
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("network");
    thuCharts.fetchJSON(el.dataset.src).then(function (data) {
      if (!data.edges.length) {
        thuCharts.note(el, "No event with both a source and a target matches.");
        return null;
      }
      var width = Math.max(300, el.clientWidth - 120), height = 520;
      return thuCharts.embed(el, spec(graph(data, width, height), width, height))
        .then(function (result) {
          // a click on a node opens the explorer with that actor's events
          result.view.addEventListener("click", function (event, item) {
            if (item && item.datum && typeof item.datum.id === "string" &&
                item.mark && item.mark.name === "nodes") {
              window.location.assign("/?actor=" + encodeURIComponent(item.datum.id));
            }
          });
          return result;
        });
    }).catch(thuCharts.fail(el));
  });
})();
