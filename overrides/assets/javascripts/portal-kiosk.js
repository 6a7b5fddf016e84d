/* Kiosk build only: after a while with no touch, key or scroll, go back to
   the home page (in the portal's first language) so the next visitor starts
   from the beginning. The delay is `plugins.portal.kiosk.idle_seconds`. */
(function () {
  "use strict";

  var kiosk = document.getElementById("portal-kiosk");
  if (!kiosk) return;
  var seconds = parseInt(kiosk.getAttribute("data-idle-seconds"), 10);
  var home = new URL(kiosk.getAttribute("data-home"), location.href).href;
  if (!(seconds > 0)) return;

  var timer = null;
  function restart() {
    clearTimeout(timer);
    timer = setTimeout(goHome, seconds * 1000);
  }
  function goHome() {
    if (location.href.split("#")[0] === home && window.scrollY === 0 && !document.querySelector(":focus")) {
      restart();  // already at the start
      return;
    }
    location.href = home;
  }
  ["pointerdown", "pointermove", "keydown", "wheel", "scroll", "touchstart", "input"].forEach(function (name) {
    window.addEventListener(name, restart, { passive: true, capture: true });
  });
  restart();
})();
