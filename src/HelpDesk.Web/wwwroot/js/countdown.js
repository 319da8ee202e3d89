// Keeps every running SLA countdown (<time class="countdown" datetime="…" data-ahead="due in" data-past="missed by">)
// current while the page stays open. The server writes such an element only for a target whose clock runs (met,
// missed-and-done, paused and no-SLA targets are plain text), and gives the words on the element itself; the span
// reads as Core's Wording.Span writes it: "less than a minute", "45 min", "3 h 20 min", "2 d 4 h".
(function () {
  "use strict";

  var day = 24 * 60;

  function span(minutes) {
    if (minutes < 1) {
      return "less than a minute";
    }
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < day) {
      return Math.floor(minutes / 60) + " h" + (minutes % 60 === 0 ? "" : " " + (minutes % 60) + " min");
    }
    var hours = Math.floor((minutes % day) / 60);
    return Math.floor(minutes / day) + " d" + (hours === 0 ? "" : " " + hours + " h");
  }

  function update() {
    var now = Date.now();
    document.querySelectorAll("time.countdown[datetime][data-ahead][data-past]").forEach(function (element) {
      var due = Date.parse(element.getAttribute("datetime"));
      if (isNaN(due)) {
        return;
      }
      var minutes = Math.round(Math.abs(due - now) / 60000);
      var ahead = due > now;
      element.textContent = (ahead ? element.dataset.ahead : element.dataset.past) + " " + span(minutes);
      element.classList.toggle("ahead", ahead);
      element.classList.toggle("missed", !ahead);
    });
  }

  setInterval(update, 30000);
})();
