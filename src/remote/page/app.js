// cuecard's phone remote page. Follows the presentation by server-sent
// events, reconnects by itself, sends button presses as JSON commands.
// Deck text is only ever set with textContent (never parsed as HTML).
"use strict";

const $ = (id) => document.getElementById(id);
let base = null; // { snapshot, at } where at = performance.now() on receipt
let notesKey = null; // the notes last built, so a timer update keeps an open list open
let source = null;
let retryMs = 1000;
let unpaired = false;

function clock(totalSecs) {
  const s = Math.max(0, Math.floor(totalSecs));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

function setLink(text, cls) {
  const link = $("link");
  link.textContent = text;
  link.className = "link " + cls;
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

const KIND_LABEL = {
  script: "Script",
  tip: "Tip",
  prompt: "Question for the room",
  quote: "Quotation",
  slide_text: "On the slide",
};

function noteView(note) {
  const cls = "note " + note.kind.replace("_", "-");
  const box = el("div", cls);
  box.dataset.kind = note.kind;
  box.appendChild(el("span", "kind", KIND_LABEL[note.kind] || note.kind));
  if (note.kind === "prompt") {
    if (note.covered) box.classList.add("covered");
    const q = el("p", "question", note.question);
    q.style.margin = "0";
    box.appendChild(q);
    if (note.minutes) box.appendChild(el("span", "source", `${note.minutes} min`));
    if (note.ideas && note.ideas.length) {
      const details = el("details");
      details.appendChild(el("summary", null, "Ideas if the group needs help"));
      const list = el("ul");
      for (const idea of note.ideas) list.appendChild(el("li", null, idea));
      details.appendChild(list);
      box.appendChild(details);
    }
  } else {
    const p = el("p", "text", note.text);
    p.style.margin = "0";
    box.appendChild(p);
    if (note.kind === "quote" && note.source) box.appendChild(el("span", "source", "— " + note.source));
  }
  return box;
}

function render(snap) {
  base = { snapshot: snap, at: performance.now() };
  $("position").textContent = snap.slide_number
    ? `Slide ${snap.slide_number} of ${snap.slide_count}`
    : "No deck";
  // The title slide often repeats the deck's title: show it once.
  $("deck-title").textContent = snap.deck_title === snap.slide_title ? "" : snap.deck_title;
  $("slide-title").textContent = snap.slide_title;
  document.title = `${snap.slide_number}. ${snap.slide_title} – cuecard remote`;
  const img = $("slide-image");
  if (snap.image) {
    if (img.getAttribute("src") !== snap.image) img.setAttribute("src", snap.image);
    img.alt = snap.slide_title;
    img.hidden = false;
    $("slide-placeholder").hidden = true;
  } else {
    img.hidden = true;
    img.removeAttribute("src");
    $("slide-placeholder").hidden = false;
  }
  $("blackout-badge").hidden = !snap.blackout;
  $("btn-blackout").classList.toggle("on", snap.blackout);
  $("btn-blackout").textContent = snap.blackout ? "Show" : "Black";
  $("btn-discussion").textContent = snap.discussion ? "Stop" : "Discuss";
  $("next-title").textContent =
    snap.next_title === null || snap.next_title === undefined
      ? "Last slide"
      : "Next: " + (snap.next_title || "an untitled slide");
  // The notes are built again only when they change: the talk timer's
  // updates must not fold an open list of ideas or move what is read.
  const key = JSON.stringify([snap.slide_number, snap.notes]);
  if (key !== notesKey) {
    notesKey = key;
    const notes = $("notes");
    notes.replaceChildren(...snap.notes.map(noteView));
    if (!snap.notes.length) notes.appendChild(el("p", "next", "No speaker notes on this slide."));
  }
  tick();
}

function tick() {
  if (!base) return;
  const snap = base.snapshot;
  const since = (performance.now() - base.at) / 1000;
  const elapsed = snap.talk_timer.elapsed_secs + (snap.talk_timer.running ? since : 0);
  $("talk-timer").textContent = clock(elapsed);
  const d = snap.discussion;
  $("discussion").hidden = !d;
  if (d) $("discussion-left").textContent = clock(Math.ceil(d.remaining_secs - since));
}

function showUnpaired() {
  unpaired = true;
  if (source) source.close();
  source = null;
  $("unpaired").hidden = false;
  setLink("Not paired", "down");
}

async function stillPaired() {
  try {
    const response = await fetch("/api/state", { credentials: "same-origin", cache: "no-store" });
    if (response.status === 401 || response.status === 403) return false;
  } catch (_) {
    // Network down: try again later.
  }
  return true;
}

function connect() {
  if (unpaired) return;
  source = new EventSource("/api/events");
  source.onopen = () => {
    retryMs = 1000;
    setLink("Live", "live");
  };
  source.onmessage = (event) => {
    try {
      render(JSON.parse(event.data));
    } catch (_) {
      // A malformed event: wait for the next one.
    }
  };
  source.addEventListener("unpaired", showUnpaired);
  source.onerror = async () => {
    if (unpaired) return;
    setLink("Reconnecting…", "down");
    if (source && source.readyState === EventSource.CLOSED) {
      source = null;
      if (!(await stillPaired())) {
        showUnpaired();
        return;
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10000);
    }
  };
}

async function send(button, body) {
  try {
    const response = await fetch("/api/command", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status === 401) {
      showUnpaired();
      return false;
    }
    flash(button, response.ok ? "sent" : "failed");
    return response.ok;
  } catch (_) {
    flash(button, "failed");
    return false;
  }
}

function flash(button, cls) {
  if (!button) return;
  button.classList.add(cls);
  setTimeout(() => button.classList.remove(cls), 400);
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("#buttons button")) {
    button.addEventListener("click", () => send(button, { command: button.dataset.command }));
  }
  $("park-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = $("park-text");
    const text = input.value.trim();
    if (!text) return;
    const button = $("park-form").querySelector("button");
    if (await send(button, { command: "park_question", text })) input.value = "";
  });
  setInterval(tick, 500);
  connect();
});
