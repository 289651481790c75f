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
    // A fresh page load of the start screen: no transcript, no context, no typed text survives, and nothing
    // goes on being read aloud.
    if (window.speechSynthesis) window.speechSynthesis.cancel();
    window.location.replace(startUrl);
  }

  /* A real modal: everything behind the dialog is inert while it shows, so neither Tab nor a screen reader
     can wander off to the transcript. */
  function setBehind(inert) {
    Array.prototype.forEach.call(body.children, function (child) {
      if (child === dialog || child.tagName === "SCRIPT") return;
      if (inert) child.setAttribute("inert", ""); else child.removeAttribute("inert");
    });
  }

  function warn() {
    returnFocus = document.activeElement;
    setBehind(true);
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

  function carryOn() {
    window.clearInterval(tickTimer);
    setBehind(false);
    dialog.hidden = true;
    active();
    if (returnFocus && returnFocus.focus) returnFocus.focus();
  }

  continueButton.addEventListener("click", carryOn);
  document.addEventListener("keydown", function (event) {
    if (dialog.hidden) return;
    if (event.key === "Escape") {
      event.preventDefault();
      carryOn();
    } else if (event.key === "Tab") {  // the dialog's one button keeps the focus
      event.preventDefault();
      continueButton.focus();
    }
  });
  ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
    document.addEventListener(name, active, { passive: true, capture: true });
  });
  active();
})();
