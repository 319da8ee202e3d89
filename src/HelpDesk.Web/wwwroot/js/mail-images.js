// "Load images" on one message of a ticket's conversation. Sanitized mail keeps a remote image's address in
// data-remote-src, which no browser fetches, so opening a ticket tells no sender it was read; a click moves the
// addresses of that message only into src. The page's policy allows https images for this.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-load-images]");
    if (!button) {
      return;
    }
    var message = button.closest("li.message");
    message.querySelectorAll(".body img[data-remote-src]").forEach(function (image) {
      var address = image.getAttribute("data-remote-src");
      image.removeAttribute("data-remote-src");
      if (/^https:\/\//i.test(address)) {
        image.referrerPolicy = "no-referrer";
        image.src = address;
      }
    });
    button.closest(".remote-images").remove();
  });
})();
