// Names the job dashboard's unlabelled controls for screen readers: the menu button, the link back to the site (whose
// words the dashboard hides on a tablet) and each list's checkboxes.
(function () {
    "use strict";
    function name() {
        document.querySelectorAll(".navbar-toggle:not([aria-label])").forEach(function (button) {
            button.setAttribute("aria-label", "Menu");
        });
        document.querySelectorAll(".navbar-right a[href]:not([aria-label])").forEach(function (link) {
            if (link.textContent.trim() === "Back to site") {
                link.setAttribute("aria-label", "Back to site");
            }
        });
        document.querySelectorAll(".js-jobs-list-select-all:not([aria-label])").forEach(function (box) {
            box.setAttribute("aria-label", "Select all");
        });
        document.querySelectorAll(".js-jobs-list-checkbox:not([aria-label])").forEach(function (box) {
            box.setAttribute("aria-label", "Select " + box.value);
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", name);
    } else {
        name();
    }
})();
