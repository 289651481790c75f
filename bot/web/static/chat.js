/* Progressive enhancement of the conversation form: post through fetch to /api/ask and append the reply
   without a reload. Without this script the same form posts as plain HTML and the server renders the reply. */
(function () {
  "use strict";
  document.body.classList.add("js-enabled");

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] !== null && attrs[key] !== undefined) node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* Plain text to paragraphs and lists, the same rule as bot/web/conversation.py `blocks`. */
  function textBlocks(text) {
    var wrap = el("div", { "class": "message-text" });
    text.split("\n\n").forEach(function (paragraph) {
      var current = null, kind = null;
      paragraph.split("\n").forEach(function (line) {
        if (!line.trim()) return;
        var item = line.indexOf("- ") === 0;
        var lineKind = item ? "ul" : "p";
        if (lineKind !== kind) {
          current = el(lineKind);
          wrap.appendChild(current);
          kind = lineKind;
        }
        if (item) {
          current.appendChild(el("li", {}, [line.slice(2).trim()]));
        } else {
          if (current.childNodes.length) current.appendChild(el("br"));
          current.appendChild(document.createTextNode(line.trim()));
        }
      });
    });
    return wrap;
  }

  function Conversation(root) {
    this.root = root;
    this.data = root.dataset;
    this.transcript = root.querySelector("[role=log]");
    this.form = root.querySelector("[data-ask-form]");
    this.input = this.form.querySelector("input[name=q]");
    this.error = root.querySelector("#q-error");
    this.slot = root.querySelector("[data-suggestions-slot]");
    this.busyText = root.querySelector("[data-busy] .busy-text");
    this.busy = false;
    this.shown = null;
    this.reviewDates = JSON.parse(this.data.reviewDates || "{}");
    this.framings = JSON.parse(this.data.framings || "{}");
    root.addEventListener("submit", this.onSubmit.bind(this));
  }

  Conversation.prototype.context = function () {
    try {
      var value = JSON.parse(this.form.querySelector("input[name=context]").value || "null");
      return value && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch (e) {
      return null;
    }
  };

  Conversation.prototype.setContext = function (context) {
    var json = JSON.stringify(context || null);
    this.root.querySelectorAll("input[name=context]").forEach(function (input) { input.value = json; });
    // The language switch carries the conversation on, so a follow-up in the other language still knows it.
    document.querySelectorAll("a[data-carry-context]").forEach(function (link) {
      var url = new URL(link.href);
      if (context) url.searchParams.set("context", json); else url.searchParams.delete("context");
      link.href = url.pathname + url.search;
    });
  };

  Conversation.prototype.showError = function (message) {
    this.error.textContent = message || "";
    this.error.hidden = !message;
    if (message) this.input.setAttribute("aria-invalid", "true");
    else this.input.removeAttribute("aria-invalid");
  };

  Conversation.prototype.onSubmit = function (event) {
    event.preventDefault();
    if (event.target.hasAttribute("data-feedback")) return this.sendFeedback(event.target, event.submitter);
    if (this.busy) return;
    var submitter = event.submitter;
    var question = submitter && submitter.name === "q" ? submitter.value : this.input.value;
    if (!question.trim()) return this.showError(this.data.labelEmpty);
    if (question.length > Number(this.data.maxChars)) return this.showError(this.data.labelTooLong);
    this.showError("");
    this.send(question);
  };

  Conversation.prototype.send = function (question) {
    var self = this;
    self.busy = true;
    self.transcript.setAttribute("aria-busy", "true");
    self.busyText.hidden = false;
    fetch(self.data.api, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ question: question, lang: self.data.lang, context: self.context(),
                             surface: self.data.usageSurface }),
      credentials: "omit"
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (reply) {
      self.show(question, reply);
    }).catch(function (error) {
      self.showError(error.message === "429" ? self.data.labelBusy : self.data.labelError);
    }).then(function () {
      self.busy = false;
      self.transcript.removeAttribute("aria-busy");
      self.busyText.hidden = true;
      // A touch screen has no keyboard habits: focusing the input there would pop up the on-screen keyboard.
      if (self.data.surface !== "kiosk") self.input.focus({ preventScroll: true });
      if (self.shown) {
        if (self.data.surface === "kiosk") self.shown.focus({ preventScroll: true });
        self.shown.scrollIntoView({ block: "start" });  // the top of the answer, however long it is
        self.shown = null;
      }
    });
  };

  Conversation.prototype.show = function (question, reply) {
    var intro = this.transcript.querySelector(".intro");
    if (intro) intro.remove();
    var lang = this.data.lang;
    this.transcript.appendChild(el("div", { "class": "message message-user", lang: reply.lang }, [
      el("p", { "class": "who", lang: lang }, [this.data.labelYou]),
      el("p", { "class": "message-text" }, [question])
    ]));
    var alarm = reply.kind === "emergency" || reply.kind === "crisis";
    var message = el("div", { "class": "message message-bot kind-" + reply.kind, lang: reply.lang,
                              role: alarm ? "alert" : null, "data-read-aloud-answer": "" },
                     [el("p", { "class": "who", lang: lang, "data-read-aloud-slot": "" }, [this.data.labelBot])]);
    if (alarm) message.appendChild(this.callBlock(reply));
    this.showText(message, reply);
    if (reply.sources && reply.sources.length) {
      message.appendChild(el("div", { "class": "sources", lang: lang }, [
        el("p", { "class": "sources-label" }, [this.data.labelSources]),
        el("ul", { lang: reply.lang }, reply.sources.map(function (s) {
          return el("li", {}, [s.title + ": " + s.section]);
        }))
      ]));
    }
    if (reply.answer_id) {
      var page = this.data.root + "/" + reply.lang + "/" + reply.answer_id;
      var date = this.reviewDates[reply.reviewed] || reply.reviewed;
      message.appendChild(el("p", { "class": "reviewed-by", lang: lang },
                             [this.data.labelReviewed.replace("{date}", date)]));
      if (this.data.surface === "kiosk") {  // the kiosk links nowhere outside its frame: a QR code instead
        message.appendChild(el("div", { "class": "take-home", lang: lang }, [
          el("img", { "class": "qr", src: page + "/qr.svg", width: "220", height: "220", alt: this.data.labelQr }),
          el("p", {}, [this.data.labelTakeHome + " ", el("span", { "class": "url" }, [this.data.publicBase + page])])]));
      } else {
        // a name of its own for each answer's link: the visible words, then the answer's title
        var link = el("a", { href: page, "aria-label": this.data.labelAnswerPage + ": " + reply.title },
                      [this.data.labelAnswerPage]);
        if (this.data.surface === "embed") { link.target = "_blank"; link.rel = "noopener"; }
        message.appendChild(el("p", { "class": "answer-link", lang: lang }, [link]));
      }
      message.appendChild(this.feedbackForm(reply));
    }
    this.transcript.appendChild(message);
    this.setContext(reply.context);
    this.showSuggestions(reply.suggestions || []);
    this.input.value = "";
    message.setAttribute("tabindex", "-1");
    this.root.classList.add("answered");
    if (window.readAloud) window.readAloud.offer(message);
    this.shown = message;
  };

  /* A curated answer lead first, the rest behind "Read more", the framing always in view: the same rule as
     bot/web/conversation.py `lead_first`. Any other reply is shown whole. */
  Conversation.prototype.showText = function (message, reply) {
    var framing = this.framings[reply.lang];
    var text = reply.text || "";
    if (!reply.summary || !framing || text.slice(-framing.length) !== framing) {
      message.appendChild(textBlocks(text));
      return;
    }
    var lead = textBlocks(reply.summary);
    lead.classList.add("lead");
    message.appendChild(lead);
    message.appendChild(el("details", { "class": "read-more" }, [
      el("summary", { lang: this.data.lang }, [this.data.labelReadMore]),
      textBlocks(text.slice(0, -framing.length).replace(/\s+$/, ""))]));
    var end = textBlocks(framing);
    end.classList.add("framing");
    message.appendChild(end);
  };

  /* The thumbs under a curated answer: the server's own form (from the <template>) with this answer's id. */
  Conversation.prototype.feedbackForm = function (reply) {
    var form = this.root.querySelector("template[data-feedback-template]").content.firstElementChild.cloneNode(true);
    form.querySelector("input[name=answer_id]").value = reply.answer_id;
    form.querySelector("input[name=lang]").value = reply.lang;
    return form;
  };

  Conversation.prototype.sendFeedback = function (form, submitter) {
    if (!submitter || submitter.name !== "helpful" || form.dataset.sending) return;
    var self = this;
    var field = function (name) { return form.querySelector("input[name=" + name + "]").value; };
    form.dataset.sending = "true";
    fetch(self.data.feedbackApi, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ answer_id: field("answer_id"), lang: field("lang"), surface: field("surface"),
                             helpful: submitter.value === "yes" }),
      credentials: "omit"
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      var thanks = el("p", { "class": "feedback-thanks", role: "status", tabindex: "-1" }, [self.data.labelThanks]);
      form.replaceWith(thanks);
      thanks.focus();
    }).catch(function () {
      delete form.dataset.sending;
      var note = form.querySelector(".feedback-error") ||
                 form.appendChild(el("p", { "class": "form-error feedback-error", role: "alert" }));
      note.textContent = self.data.labelError;
    });
  };

  /* What to do now: the server's own block for this surface (from a <template>), as on a page without script. */
  Conversation.prototype.callBlock = function (reply) {
    var which = reply.kind === "crisis" ? "crisis" : reply.text.indexOf("113") !== -1 ? "emergency-113" : "emergency";
    var template = this.root.querySelector("template[data-call-template=" + which + "]");
    return template.content.firstElementChild.cloneNode(true);
  };

  Conversation.prototype.showSuggestions = function (questions) {
    this.slot.textContent = "";
    if (!questions.length) return;
    var form = el("form", { method: "post", action: this.form.getAttribute("action"), "class": "suggestions",
                            "data-suggestions": "" }, [
      el("input", { type: "hidden", name: "context", value: this.form.querySelector("input[name=context]").value }),
      el("p", { "class": "suggestions-label", id: "suggestions-label" }, [this.data.labelSuggestions]),
      el("ul", { "aria-labelledby": "suggestions-label" }, questions.map(function (q) {
        return el("li", {}, [el("button", { type: "submit", name: "q", value: q, "class": "suggestion" }, [q])]);
      }))
    ]);
    this.slot.appendChild(form);
  };

  document.querySelectorAll("[data-module=conversation]").forEach(function (root) {
    root.conversation = new Conversation(root);
  });
})();

/* In an iframe (the embed), tell the host page how tall the content is, so its script can size the frame:
   only a number, to whichever page frames us. */
(function () {
  "use strict";
  if (window.parent === window || !document.body.classList.contains("surface-embed")) return;
  var last = 0;
  function tell() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "medicine-information:height", height: height }, "*");
  }
  if (window.ResizeObserver) new window.ResizeObserver(tell).observe(document.body);
  window.addEventListener("load", tell);
  tell();
})();
