// Keeps every SLA countdown (<time class="countdown" datetime="…">) current while the page stays open, in the
// words the server writes: "in 3 h 20 min", "in 2 d 4 h", "overdue by 15 min".
(function () {
  "use strict";

  function span(minutes) {
    if (minutes >= 24 * 60) {
      return Math.floor(minutes / (24 * 60)) + " d " + Math.floor((minutes % (24 * 60)) / 60) + " h";
    }
    if (minutes < 60) {
      return minutes + " min";
    }
    var rest = minutes % 60;
    return Math.floor(minutes / 60) + " h " + (rest < 10 ? "0" : "") + rest + " min";
  }

  function update() {
    var now = Date.now();
    document.querySelectorAll("time.countdown[datetime]").forEach(function (element) {
      var due = Date.parse(element.getAttribute("datetime"));
      if (isNaN(due)) {
        return;
      }
      var minutes = Math.round(Math.abs(due - now) / 60000);
      var ahead = due >= now;
      element.textContent = ahead ? "in " + span(minutes) : "overdue by " + span(minutes);
      element.classList.toggle("ahead", ahead);
      element.classList.toggle("overdue", !ahead);
    });
  }

  setInterval(update, 30000);
})();
