/* "Code an article": posts the text to /api/code and shows the events and quotes it returns, the
   text with their spans marked. Every string is set with textContent. Offsets count Unicode
   code points (as Python does), so the text is cut as an array of code points. */
(function () {
  "use strict";

  function marks(result) {
    var out = [];
    result.events.forEach(function (e) {
      [["source", "src"], ["trigger", "trig"], ["target", "trg"]].forEach(function (p) {
        if (e[p[0]]) {
          out.push({start: e[p[0]].start, end: e[p[0]].end, kind: p[1]});
        }
      });
    });
    result.quotes.forEach(function (q) {
      var content = q.content ? (q.content.parts || [q.content]) : [];
      content.forEach(function (c) {
        if (c) {
          out.push({start: c.start, end: c.end, kind: "quote"});
        }
      });
    });
    return out;
  }

  function render(el, text, spans) {
    var chars = Array.from(text);
    var cuts = [0, chars.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; })
      .sort(function (a, b) { return a - b; });
    el.replaceChildren();
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var piece = chars.slice(a, b).join("");
      var kinds = spans.filter(function (s) { return s.start <= a && b <= s.end; })
        .map(function (s) { return s.kind; });
      if (kinds.length) {
        var mark = document.createElement("mark");
        mark.className = kinds.filter(function (k, j) { return kinds.indexOf(k) === j; })
          .join(" ");
        mark.textContent = piece;
        el.appendChild(mark);
      } else {
        el.appendChild(document.createTextNode(piece));
      }
    }
  }

  function row(tbody, cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (value) {
      var td = document.createElement("td");
      td.textContent = value === null || value === undefined ? "" : String(value);
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }

  /* The event fields the output schema marks "shown": the header's data-field columns. */
  function shown(e) {
    var cells = [];
    document.querySelectorAll("#code-events-head th[data-field]").forEach(function (th) {
      var value = e[th.dataset.field];
      if (th.dataset.style === "flag") {
        value = value ? th.textContent : "";
      } else if (th.dataset.style === "place") {
        value = value ? value.name : "";
      }
      cells.push(value);
    });
    return cells;
  }

  function who(ref) {
    return ref ? (ref.name ? ref.name + " (" + ref.text + ")" : ref.text) : "";
  }

  function show(text, result) {
    render(document.getElementById("code-marked"), text, marks(result));
    var events = document.getElementById("code-events");
    var quotes = document.getElementById("code-quotes");
    var errors = document.getElementById("code-errors");
    events.replaceChildren();
    quotes.replaceChildren();
    errors.replaceChildren();
    result.events.forEach(function (e) {
      row(events, [who(e.source), e.trigger ? e.trigger.text : "", who(e.target)]
        .concat(shown(e), [e.date ? e.date.value : ""]));
    });
    result.quotes.forEach(function (q) {
      var content = q.content ? (q.content.parts || [q.content]) : [];
      row(quotes, [q.speaker_name || who(q.speaker), q.cue ? q.cue.text : "",
                   content.map(function (c) { return c ? c.text : ""; }).join(" … ")]);
    });
    result.errors.forEach(function (err) {
      var li = document.createElement("li");
      li.textContent = err.code + ": " + err.message;
      errors.appendChild(li);
    });
    document.getElementById("code-n-events").textContent = result.events.length;
    document.getElementById("code-n-quotes").textContent = result.quotes.length;
    document.getElementById("code-result").hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("code-form");
    var status = document.getElementById("code-status");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = document.getElementById("code-text").value;
      var date = document.getElementById("code-date").value.trim() || null;
      status.textContent = "coding…";
      fetch("/api/code", {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", Accept: "application/json"},
        body: JSON.stringify({text: text, date: date})
      }).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error(body.error ? body.error.code + ": " + body.error.message
                                       : "HTTP " + response.status);
          }
          return body;
        });
      }).then(function (result) {
        status.textContent = result.events.length + " events, " + result.quotes.length +
          " quotes";
        show(text, result);
      }).catch(function (error) {
        status.textContent = error.message;
      });
    });
  });
})();
