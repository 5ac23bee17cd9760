// Small progressive enhancements; every page works without this file.
"use strict";

// Keep directory URLs short: leave empty filters out of htmx GET requests (and the pushed URL).
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb !== "get") return;
  for (const [name, value] of Object.entries(event.detail.parameters)) {
    if (value === "") delete event.detail.parameters[name];
  }
});

// A freshly created token is selected when focused, ready to copy.
document.addEventListener("focusin", (event) => {
  if (event.target.matches?.("[data-select-on-focus]")) event.target.select();
});

// After a failed form submission, move focus to the summary of problems.
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("form-errors")?.focus();
});

// ---------------------------------------------------------------- the social pages

// The live character count under a post box (the server still checks the limit).
function updateCharCount(textarea) {
  const counter = document.querySelector(`[data-char-count-for="${textarea.id}"]`);
  if (!counter) return;
  const limit = Number(textarea.dataset.charLimit);
  const used = [...textarea.value].length;
  counter.querySelector(".char-count__used").textContent = used;
  counter.classList.toggle("is-over", used > limit);
}

document.addEventListener("input", (event) => {
  if (event.target.matches?.("textarea[data-char-limit]")) updateCharCount(event.target);
});

// Say something to screen readers (the page has one polite live region).
function announce(text) {
  const region = document.getElementById("live-announcer");
  if (!region) return;
  region.textContent = "";
  window.setTimeout(() => { region.textContent = text; }, 50);
}

// Parse an HTML fragment sent by the server (trusted: rendered by our own templates).
function fragment(html) {
  const holder = document.createElement("template");
  holder.innerHTML = html.trim();
  return holder.content.firstElementChild;
}

// Live fragments are rendered once for every watcher; on our own posts, drop what only makes
// sense on someone else's (sharing it, "I learned from this").
function activate(node) {
  const me = document.body.dataset.member;
  for (const card of node.querySelectorAll(".status")) {
    if (me && card.dataset.author === me) card.querySelectorAll("[data-not-own]").forEach((el) => el.remove());
  }
  if (window.htmx) window.htmx.process(node);
  node.classList.add("is-new");
  window.setTimeout(() => node.classList.remove("is-new"), 2500);
}

// One Server-Sent Events stream; the browser reconnects by itself, resuming after the last
// event it received (Last-Event-ID), so nothing is lost or shown twice. A hidden tab lets go
// of its streams (browsers allow few connections per site) and resumes where it was when it
// is shown again.
function listen(url, handlers) {
  if (!("EventSource" in window)) return;
  const { open, ...events } = handlers;
  let source = null;
  let lastId = "";
  const connect = () => {
    const resume = lastId ? `${url.split("?")[0]}?last_event_id=${lastId}` : url;
    source = new EventSource(resume);
    for (const [type, handle] of Object.entries(events)) {
      source.addEventListener(type, (event) => {
        if (event.lastEventId) lastId = event.lastEventId;
        handle(event.data);
      });
    }
  };
  connect();
  // Only the first connection: a stream served without ASGI ends after each answer and the
  // browser reconnects, resuming from the last event it saw.
  if (open) source.addEventListener("open", open, { once: true });
  document.addEventListener("visibilitychange", () => {
    if (document.hidden && source) {
      source.close();
      source = null;
    } else if (!document.hidden && !source) {
      connect();
      if (open) open();
    }
  });
}

// ---- The member's own stream: the notification badge, and "N new posts" on the home page.

function refreshBadge() {
  const badge = document.getElementById("notification-badge");
  if (!badge) return;
  fetch("/notifications/badge/", { credentials: "same-origin", headers: { "HX-Request": "true" } })
    .then((response) => (response.ok ? response.text() : null))
    .then((html) => {
      const fresh = html && fragment(html);
      if (fresh) document.getElementById("notification-badge")?.replaceWith(fresh);
    })
    .catch(() => {});
}

let newPosts = 0;

function countNewPost(data) {
  const timeline = document.querySelector("[data-live-home]");
  const bar = document.getElementById("new-posts");
  if (!timeline || !bar) return;
  const id = JSON.parse(data).id;
  if (document.getElementById(`status-${id}`)) return; // already shown (e.g. our own post)
  newPosts += 1;
  bar.querySelector("[data-new-count]").textContent = newPosts;
  bar.querySelector("[data-new-noun]").textContent = newPosts === 1 ? "new post" : "new posts";
  bar.hidden = false;
  announce(`${newPosts} new ${newPosts === 1 ? "post" : "posts"} on your timeline`);
}

document.addEventListener("click", (event) => {
  if (event.target.closest?.("[data-new-posts-link]")) {
    newPosts = 0;
    document.getElementById("new-posts").hidden = true;
  }
});

function startMemberStream() {
  const url = document.body.dataset.memberStream;
  if (!url) return;
  // Most pages connect from "now" (the home page passes where it was rendered), so catch up
  // the badge on connecting: a notification may have come between the page and the stream.
  listen(url, {
    open: refreshBadge,
    notification: () => {
      refreshBadge();
      announce("New notification");
      const more = document.getElementById("new-notifications");
      if (more) more.hidden = false;
    },
    "notification.read": refreshBadge,
    "status.created": countNewPost,
    "stream.reset": refreshBadge,
  });
}

// ---- A chat room: questions, answers and replies appear for everyone watching.

function placeChatPost(html) {
  const wrapper = fragment(html);
  if (!wrapper) return;
  const id = wrapper.dataset.status;
  if (document.getElementById(`status-${id}`)) return; // shown already
  const node = wrapper.content.firstElementChild;
  const isQuestion = node.classList.contains("chat-question");
  const parent = wrapper.dataset.parent && document.getElementById(`replies-${wrapper.dataset.parent}`);
  let list = parent;
  if (!list) list = document.getElementById(isQuestion ? "chat-questions" : "chat-others");
  if (!list) return;
  list.append(node);
  if (isQuestion) document.getElementById("chat-no-questions")?.setAttribute("hidden", "");
  if (list.id === "chat-others") document.getElementById("chat-others-section")?.removeAttribute("hidden");
  activate(node);
  const who = node.querySelector(".status__name")?.textContent.trim() || "Someone";
  announce(isQuestion ? `New question from ${who}` : `New answer from ${who}`);
}

function updateChatPost(html) {
  const wrapper = fragment(html);
  const shown = wrapper && document.getElementById(`status-${wrapper.dataset.status}`);
  if (!shown) return;
  const fresh = wrapper.content.querySelector(".status");
  for (const part of [".status__body", ".status__badges"]) {
    const before = shown.querySelector(part);
    const after = fresh.querySelector(part);
    if (before && after) before.replaceWith(after);
  }
}

function markDeleted(data) {
  const shown = document.getElementById(`status-${JSON.parse(data).id}`);
  if (!shown) return;
  shown.classList.add("is-deleted");
  shown.querySelector(".status__body")?.replaceChildren();
  shown.querySelector(".status__actions")?.remove();
}

function refreshChatRoom() {
  const room = document.getElementById("chat-room");
  if (!room || !window.htmx) return;
  window.htmx.ajax("GET", room.dataset.chatUrl, { target: "#chat-room", select: "#chat-room", swap: "outerHTML" });
}

function startChatStream() {
  const room = document.getElementById("chat-room");
  if (!room?.dataset.chatStream) return;
  listen(room.dataset.chatStream, {
    "status.created": placeChatPost,
    "status.updated": updateChatPost,
    "status.deleted": markDeleted,
    "chat.started": refreshChatRoom,
    "stream.reset": refreshChatRoom,
  });
}

// Countdowns ("starts in 4 min 12 s"); at zero the chat page fetches its new state.
function remaining(seconds) {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  return m ? `${m} min ${s} s` : `${s} s`;
}

let roomRefreshed = false;

function tick() {
  for (const clock of document.querySelectorAll("[data-countdown]")) {
    const seconds = (Date.parse(clock.dataset.countdown) - Date.now()) / 1000;
    clock.textContent = remaining(Math.max(0, seconds));
    if (seconds <= 0 && !roomRefreshed && clock.closest("#chat-room")) {
      roomRefreshed = true;
      window.setTimeout(() => { roomRefreshed = false; refreshChatRoom(); }, 1500);
    }
  }
}

document.addEventListener("DOMContentLoaded", () => {
  startMemberStream();
  startChatStream();
  if (document.querySelector("[data-countdown]")) window.setInterval(tick, 1000);
});
