// The live desk: when someone else changes a ticket (a reply, note, status, assignment...), a desk page fetches itself
// again and puts the fresh version of each part marked data-live-region in place, and on a ticket page it shows who
// else is replying. A part the engineer is working in (a control with the focus, a form typed into, a section they
// opened) is left as it is, so nothing typed is lost; a change it then sends to the ticket itself (a status, an
// assignment) meets the usual "changed meanwhile" check.
// Hangs on #live-desk; needs lib/signalr/signalr.min.js loaded first.
(function () {
    "use strict";
    var PING_EVERY_MS = 5000;
    var REPLYING_EXPIRES_MS = 10000;
    // A burst of changes is shown with one fetch: on a ticket page soon after the change, on a busy queue at most this often.
    var TICKET_REFRESH_DELAY_MS = 300;
    var QUEUE_REFRESH_DELAY_MS = 2000;

    // Marks a form the user has typed into or changed, so a refresh leaves it alone.
    function trackEdits() {
        function mark(event) {
            var form = event.target && event.target.form;
            if (form) {
                form.dataset.edited = "true";
            }
        }
        document.addEventListener("input", mark);
        document.addEventListener("change", mark);
    }

    function isBusy(region, fresh) {
        var active = document.activeElement;
        if (active && region.contains(active) && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(active.tagName)) {
            return true;
        }
        if (region.querySelector("form[data-edited]")) {
            return true;
        }
        // A section the user opened that the fresh page would show closed.
        var mine = region.querySelectorAll("details");
        var theirs = fresh.querySelectorAll("details");
        for (var i = 0; i < mine.length; i++) {
            if (mine[i].open && !(theirs[i] && theirs[i].open)) {
                return true;
            }
        }
        return false;
    }

    // Each region's markup as the server last sent it, so a refresh leaves alone what did not change.
    var served = {};
    function rememberServed() {
        document.querySelectorAll("[data-live-region]").forEach(function (region) {
            served[region.dataset.liveRegion] = region.innerHTML;
        });
    }

    // Fetches the page again and swaps in each changed region that is not busy; resolves to the number of regions kept.
    function refreshRegions() {
        return fetch(window.location.pathname + window.location.search, { credentials: "same-origin" })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("The page answered " + response.status);
                }
                return response.text();
            })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, "text/html");
                var kept = 0;
                document.querySelectorAll("[data-live-region]").forEach(function (region) {
                    var name = region.dataset.liveRegion;
                    var next = fresh.querySelector("[data-live-region=\"" + name + "\"]");
                    if (!next || next.innerHTML === served[name]) {
                        return;
                    }
                    if (isBusy(region, next)) {
                        kept++;
                        return;
                    }
                    served[name] = next.innerHTML;
                    region.replaceWith(document.importNode(next, true));
                });
                if (fresh.title) {
                    document.title = fresh.title;
                }
                return kept;
            });
    }

    function start() {
        var root = document.getElementById("live-desk");
        if (!root || !window.signalR) {
            return;
        }

        rememberServed();
        var ticketId = root.dataset.ticketId ? parseInt(root.dataset.ticketId, 10) : null;
        var me = root.dataset.me || "";
        var notice = document.getElementById("live-notice");
        var presence = document.getElementById("live-presence");
        var replying = {};

        var connection = new signalR.HubConnectionBuilder()
            .withUrl(root.dataset.hub)
            .withAutomaticReconnect()
            .build();

        function showNotice(text) {
            notice.textContent = "";
            notice.appendChild(document.createTextNode(text + " "));
            var reload = document.createElement("a");
            reload.href = window.location.pathname + window.location.search;
            reload.textContent = "Reload";
            notice.appendChild(reload);
        }

        // One refresh at a time; changes that arrive while one is waiting or running are shown by the next.
        var pending = null;
        var running = false;
        var again = false;
        var lastChange = null;
        function scheduleRefresh(change) {
            lastChange = change;
            if (running) {
                again = true;
                return;
            }
            if (pending !== null) {
                return;
            }
            pending = window.setTimeout(runRefresh, ticketId === null ? QUEUE_REFRESH_DELAY_MS : TICKET_REFRESH_DELAY_MS);
        }

        function runRefresh() {
            pending = null;
            running = true;
            var change = lastChange;
            var what = ticketId === null ? "Tickets changed" : "Changed by " + (change.by || "the system") + " just now";
            refreshRegions()
                .then(function (kept) {
                    showNotice(what + (kept === 0
                        ? " — shown below."
                        : " — shown below, except the form you are working in, which is kept as you left it: read the change before you send it."));
                    root.dataset.refreshed = String((parseInt(root.dataset.refreshed || "0", 10)) + 1);
                })
                .catch(function () {
                    showNotice(what + " —");
                })
                .then(function () {
                    running = false;
                    if (again) {
                        again = false;
                        scheduleRefresh(lastChange);
                    }
                });
        }

        connection.on("ticketChanged", function (change) {
            if (String(change.byId) === me) {
                return;
            }

            if (ticketId === null || change.ticketId === ticketId) {
                scheduleRefresh(change);
            }
        });

        function showReplying() {
            var now = Date.now();
            var names = Object.keys(replying).filter(function (name) { return replying[name] > now; });
            Object.keys(replying).forEach(function (name) {
                if (replying[name] <= now) {
                    delete replying[name];
                }
            });
            var text = names.length === 0 ? ""
                : names.join(" and ") + (names.length === 1 ? " is replying…" : " are replying…");
            if (presence.textContent !== text) {
                presence.textContent = text;
            }
        }

        connection.on("replying", function (who) {
            if (who.ticketId !== ticketId) {
                return;
            }

            replying[who.name] = Date.now() + REPLYING_EXPIRES_MS;
            showReplying();
        });

        // data-live tells whether the page hears changes now ("connected"), or will show them only on the next load.
        function watch() {
            return (ticketId === null ? Promise.resolve() : connection.invoke("Watch", ticketId))
                .then(function () { root.dataset.live = "connected"; });
        }

        connection.onreconnecting(function () { root.dataset.live = "reconnecting"; });
        connection.onclose(function () { root.dataset.live = "closed"; });
        connection.onreconnected(watch);
        connection.start().then(watch).catch(function () {
            // Without the live desk the page still works; changes show on the next load.
        });

        if (ticketId === null) {
            return;
        }

        window.setInterval(showReplying, 1000);
        // Listened for on the document: a refresh may put a fresh reply box in place.
        var lastPing = 0;
        document.addEventListener("input", function (event) {
            var now = Date.now();
            if (event.target.id !== "reply-body" || now - lastPing < PING_EVERY_MS
                || connection.state !== signalR.HubConnectionState.Connected) {
                return;
            }

            lastPing = now;
            connection.invoke("Replying", ticketId).catch(function () { lastPing = 0; });
        });
    }

    trackEdits();
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
