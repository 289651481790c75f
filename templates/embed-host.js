/* The medicine information embed for another site: one line on the host page,
     <script src="{{ script_url }}" defer></script>
   puts the embed in an iframe right after that script, sized to its content (the embed tells its height with
   postMessage, so a phone never scrolls inside a scrolling page). When the embed cannot be shown there (the
   site is not in BOT_FRAME_ANCESTORS, or the bot cannot be reached) a message with a link takes its place.
   Served by the bot itself: no third party. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var origin = {{ origin|tojson }};
  var frame = document.createElement("iframe");
  frame.src = {{ embed_url|tojson }};
  frame.title = {{ site_name()|tojson }};
  frame.setAttribute("data-medicine-information", "");
  frame.style.width = "100%";
  frame.style.height = "700px";
  frame.style.border = "0";
  frame.style.display = "block";
  script.parentNode.insertBefore(frame, script.nextSibling);

  var shown = false;
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (data.type !== "medicine-information:height" || typeof data.height !== "number") return;
    shown = true;
    frame.style.height = Math.max(200, Math.min(Math.ceil(data.height), 20000)) + "px";
  });

  /* A frame the browser refuses stays silent: after a while, say so and link to the chat page instead. */
  window.setTimeout(function () {
    if (shown) return;
    var note = document.createElement("p");
    note.setAttribute("data-medicine-information", "unavailable");
    note.setAttribute("role", "status");
    note.appendChild(document.createTextNode({{ unavailable|tojson }} + " "));
    var link = document.createElement("a");
    link.href = {{ chat_url|tojson }};
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = {{ open_link|tojson }};
    note.appendChild(link);
    frame.replaceWith(note);
    if (window.console) {
      window.console.warn("Medicine information: the embed did not load here. Is this site's origin, " +
                          window.location.origin + ", in BOT_FRAME_ANCESTORS?");
    }
  }, {{ wait_ms }});
})();
