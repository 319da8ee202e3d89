// The live desk: tells a desk page that a ticket changed (someone else's reply, note, status, assignment...), and on a
// ticket page who else is replying to it. Hangs on #live-desk; needs lib/signalr/signalr.min.js loaded first.
(function () {
    "use strict";
    var PING_EVERY_MS = 5000;
    var REPLYING_EXPIRES_MS = 10000;

    function start() {
        var root = document.getElementById("live-desk");
        if (!root || !window.signalR) {
            return;
        }

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
            notice.appendChild(document.createTextNode(text + " — "));
            var reload = document.createElement("a");
            reload.href = window.location.pathname + window.location.search;
            reload.textContent = "Reload";
            notice.appendChild(reload);
        }

        connection.on("ticketChanged", function (change) {
            if (String(change.byId) === me) {
                return;
            }

            if (ticketId === null) {
                showNotice("Tickets changed");
            } else if (change.ticketId === ticketId) {
                showNotice("Changed by " + (change.by || "the system") + " just now");
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
        var box = document.getElementById("reply-body");
        var lastPing = 0;
        if (box) {
            box.addEventListener("input", function () {
                var now = Date.now();
                if (now - lastPing < PING_EVERY_MS || connection.state !== signalR.HubConnectionState.Connected) {
                    return;
                }

                lastPing = now;
                connection.invoke("Replying", ticketId).catch(function () { lastPing = 0; });
            });
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
