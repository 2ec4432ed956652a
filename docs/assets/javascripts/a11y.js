// Accessibility fixes for Material's own markup (no third-party code).
// Material's search box is a role="dialog" without a name (axe: aria-dialog-name).
document.querySelectorAll(".md-search[role=dialog]").forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Search the handbook");
});
