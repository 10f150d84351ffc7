/* The event explorer's filters: a menu choice applies at once; empty fields stay out of the URL. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("filters");
    form.addEventListener("change", function (event) {
      if (event.target.tagName === "SELECT") {
        form.requestSubmit();
      }
    });
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) {
        if (!field.value) {
          field.disabled = true;
        }
      });
    });
  });
})();
