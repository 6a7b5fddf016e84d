// Decap CMS waits for portal-admin.js, which adds our formats and strings, then starts it.
window.CMS_MANUAL_INIT = true;
