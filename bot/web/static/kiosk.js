/* The kiosk's idle timer: after data-idle-seconds without a touch or key it warns, gives
   data-warning-seconds (at least 20) to continue, then goes back to the start screen, forgetting everything. */
(function () {
  "use strict";
  var body = document.body;
  if (body.dataset.module !== "kiosk") return;
  var idleSeconds = Math.max(Number(body.dataset.idleSeconds) || 120, 1);
  var warningSeconds = Math.max(Number(body.dataset.warningSeconds) || 30, 20);
  var startUrl = body.dataset.startUrl;
  var dialog = document.getElementById("idle-warning");
  var countdown = dialog.querySelector("[data-countdown]");
  var continueButton = dialog.querySelector("[data-continue]");
  var idleTimer = null, tickTimer = null, left = 0, returnFocus = null;

  function restart() {
    // A fresh page load of the start screen: no transcript, no context, no typed text survives.
    window.location.replace(startUrl);
  }

  function warn() {
    returnFocus = document.activeElement;
    left = warningSeconds;
    countdown.textContent = String(left);
    dialog.hidden = false;
    continueButton.focus();
    tickTimer = window.setInterval(function () {
      left -= 1;
      countdown.textContent = String(left);
      if (left <= 0) {
        window.clearInterval(tickTimer);
        restart();
      }
    }, 1000);
  }

  function active() {
    if (!dialog.hidden) return;  // while warning, only the Continue button counts
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(warn, idleSeconds * 1000);
  }

  continueButton.addEventListener("click", function () {
    window.clearInterval(tickTimer);
    dialog.hidden = true;
    active();
    if (returnFocus && returnFocus.focus) returnFocus.focus();
  });
  ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
    document.addEventListener(name, active, { passive: true, capture: true });
  });
  active();
})();
