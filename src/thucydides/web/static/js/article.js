/* The article view: a click on a marked span lights what it belongs to in the side lists (events,
   quotes, mentions), and a click on a list entry lights its spans in the text. Only classes
   change: no markup is built from data. */
(function () {
  "use strict";

  function clear(root) {
    root.querySelectorAll(".lit").forEach(function (el) { el.classList.remove("lit"); });
    root.querySelectorAll(".part.active").forEach(function (el) {
      el.classList.remove("active");
    });
  }

  function marksOf(root, ref) {
    return Array.prototype.filter.call(root.querySelectorAll("mark[data-refs]"), function (m) {
      return m.dataset.refs.split(" ").indexOf(ref) >= 0;
    });
  }

  function lightRef(root, ref) {
    marksOf(root, ref).forEach(function (m) { m.classList.add("lit"); });
    var item = document.getElementById(ref);
    if (item) {
      item.classList.add("active");
    }
    return item;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("article");
    var text = document.getElementById("text");
    var parts = document.getElementById("parts");
    text.addEventListener("click", function (event) {
      var mark = event.target.closest("mark[data-refs]");
      if (!mark) {
        return;
      }
      clear(root);
      var first = null;
      mark.dataset.refs.split(" ").forEach(function (ref) {
        var item = lightRef(root, ref);
        first = first || item;
      });
      if (first) {
        first.scrollIntoView({block: "nearest"});
      }
    });
    parts.addEventListener("click", function (event) {
      var item = event.target.closest(".part[data-ref]");
      if (!item || event.target.closest("a")) {
        return;
      }
      clear(root);
      lightRef(root, item.dataset.ref);
      var marks = marksOf(root, item.dataset.ref);
      if (marks.length) {
        marks[0].scrollIntoView({block: "center"});
      }
    });
    // Enter or Space on a focused highlight or list entry acts as a click
    root.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") {
        return;
      }
      var target = event.target.closest("mark[data-refs], .part[data-ref]");
      if (!target || event.target.closest("a")) {
        return;
      }
      event.preventDefault();
      target.click();
    });
    if (root.dataset.focus) {
      var marks = marksOf(root, root.dataset.focus);
      if (marks.length) {
        marks[0].scrollIntoView({block: "center"});
      }
    }
  });
})();
