// Moves the rebuild's progress bar on /admin/economics while a rebuild is queued or running, by reading the page's
// Progress handler; reloads the page once the rebuild has ended so that every figure is current. Without script the
// page refreshes itself instead (a meta refresh inside <noscript>).
(function () {
    "use strict";
    var section = document.getElementById("rebuild");
    if (!section || section.dataset.running !== "true") {
        return;
    }

    var url = section.dataset.progressUrl;
    var delay = (parseInt(section.dataset.refreshSeconds, 10) || 3) * 1000;
    function set(selector, value) {
        var element = section.querySelector(selector);
        if (element) {
            element.textContent = String(value);
        }
    }

    function poll() {
        fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (progress) {
                if (!progress) {
                    window.setTimeout(poll, delay);
                    return;
                }

                var bar = section.querySelector("progress");
                if (bar) {
                    bar.value = progress.percent;
                    bar.textContent = progress.percent + "%";
                }

                set("[data-done]", progress.done);
                set("[data-total]", progress.total);
                set("[data-percent]", progress.percent);
                // Ended, or just started with no bar on the page yet: the page itself shows it best.
                if ((!progress.running && !progress.queued) || (progress.running && !bar)) {
                    window.location.reload();
                    return;
                }

                if (progress.running) {
                    set(".rebuild-state", "Running");
                }

                window.setTimeout(poll, delay);
            })
            .catch(function () { window.setTimeout(poll, delay * 2); });
    }

    window.setTimeout(poll, delay);
}());
