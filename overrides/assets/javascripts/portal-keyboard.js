/* Keyboard access to Material's menu (drawer) and search buttons in the
   header. They are <label>s of hidden checkboxes: a mouse can click them,
   a keyboard cannot reach them. Make them buttons: focusable, named (from the
   menu's and search box's own labels, so in the page's language), with their
   state, and working with Enter and Space. */
(function () {
  "use strict";

  function nameOf(target) {
    if (target === "__drawer") {
      var nav = document.querySelector(".md-nav--primary");
      return nav && nav.getAttribute("aria-label");
    }
    var search = document.querySelector(".md-search__input");
    return search && (search.getAttribute("aria-label") || search.getAttribute("placeholder"));
  }

  Array.prototype.forEach.call(document.querySelectorAll("label.md-header__button[for]"), function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) return;
    var name = nameOf(label.htmlFor);
    label.tabIndex = 0;
    label.setAttribute("role", "button");
    if (name) label.setAttribute("aria-label", name);
    function sync() { label.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    sync();
    toggle.addEventListener("change", sync);
    // Enter activates a focused label natively (a click: the checkbox toggles);
    // Space does not, so it is given the same click.
    label.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        label.click();
      }
    });
  });
})();
