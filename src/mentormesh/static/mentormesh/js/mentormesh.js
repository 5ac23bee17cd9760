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
