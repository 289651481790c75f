/* "Read aloud" on every answer, with the browser's own speech synthesis (nothing leaves the machine), for
   patients who read poorly. The button only appears when the browser has a voice for the answer's language.
   An answer is an element with data-read-aloud-answer and a lang; it reads its .call-block, .message-text and
   .answer-text, and gets its button after its [data-read-aloud-slot]. The labels come from this script's tag. */
(function () {
  "use strict";
  var labels = document.currentScript.dataset;
  var synth = window.speechSynthesis || null;
  var waiting = [];   // answers shown before the browser had loaded its voices
  var current = null; // the button of the answer being read

  function voice(lang) {
    var voices = (synth && synth.getVoices()) || [];
    for (var i = 0; i < voices.length; i++) {
      if (String(voices[i].lang).toLowerCase().split(/[-_]/)[0] === lang) return voices[i];
    }
    return null;
  }

  function reset() {
    if (current) current.textContent = labels.labelRead;
    current = null;
  }

  function stop() {
    if (synth) synth.cancel();
    reset();
  }

  function offer(answer) {
    if (!synth || answer.querySelector("[data-read-aloud]")) return;
    var lang = answer.getAttribute("lang");
    var found = voice(lang);
    if (!found) {
      waiting.push(answer);
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "read-aloud";
    button.setAttribute("data-read-aloud", "");
    button.lang = document.documentElement.lang;
    button.textContent = labels.labelRead;
    button.addEventListener("click", function () {
      if (current === button) return stop();
      stop();
      var parts = answer.querySelectorAll(".call-block, .message-text, .answer-text");
      var text = Array.prototype.map.call(parts, function (part) { return part.innerText; }).join("\n");
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      utterance.voice = found;
      utterance.onend = utterance.onerror = function () { if (current === button) reset(); };
      current = button;
      button.textContent = labels.labelStop;
      synth.speak(utterance);
    });
    answer.querySelector("[data-read-aloud-slot]").after(button);
  }

  if (synth && synth.addEventListener) {
    synth.addEventListener("voiceschanged", function () {
      var answers = waiting;
      waiting = [];
      answers.forEach(offer);
    });
  }
  window.addEventListener("pagehide", stop);
  window.readAloud = { offer: offer, stop: stop };
  document.querySelectorAll("[data-read-aloud-answer]").forEach(offer);
})();
