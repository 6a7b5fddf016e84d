// The web editor's additions to Decap CMS (portal/editor/): how our files are
// read and written, the interface strings Decap lacks, the portal's look in the
// preview, and which language the interface speaks. A module: it runs after
// decap-cms.js, which admin-init.js told to wait for CMS.init below.
import { parse, stringify } from "./yaml/index.js";

const settings = await (await fetch("portal-admin.json")).json();
// The interface's language: the portal's default, or the one asked for (?ui=en, ?ui=lo).
const asked = new URLSearchParams(location.search).get("ui");
const ui = Object.hasOwn(settings.interfaces, asked || "") ? asked : Object.keys(settings.interfaces)[0];
const speaking = settings.interfaces[ui];
const config = await (await fetch(speaking.config)).json();
document.documentElement.lang = ui;
document.title = speaking.title;

// -- our files --------------------------------------------------------------
// Read as YAML 1.2 (a date stays the text "2026-12-02", as Decap's date fields
// want it); written as YAML 1.1, which our build reads (PyYAML): text that 1.1
// would read as something else ("yes", a date) is quoted. Empty optional
// fields are left out, as are `false` (every yes/no field of our schema is no
// by default: tests/test_editor.py) and the editor's own field `original`.
const WRITE = { version: "1.1", lineWidth: 0 };

// Keys in the order of our schema's fields (settings.keyOrder), whatever order they were typed in.
const rank = (key) => {
  const at = settings.keyOrder.indexOf(key);
  return at === -1 ? settings.keyOrder.length : at;
};

function withoutEmpty(value) {
  if (Array.isArray(value)) {
    const items = value.map(withoutEmpty).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([key]) => key !== settings.originalField)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([key, item]) => [key, withoutEmpty(item)])
      .filter(([, item]) => item !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  if (value === "" || value === null || value === false || (typeof value === "string" && !value.trim())) return undefined;
  return value;
}

function yamlText(data) {
  const clean = withoutEmpty(data);
  return clean === undefined ? "" : stringify(clean, WRITE);
}

// A page: YAML front matter between `---` lines, then the Markdown text.
CMS.registerCustomFormat("portal-markdown", "md", {
  fromFile(text) {
    const match = /^---\r?\n([\s\S]*?)\r?\n?---\r?\n?([\s\S]*)$/.exec(text);
    if (!match) return { body: text };
    return { ...(parse(match[1]) || {}), body: match[2].replace(/^\r?\n/, "") };
  },
  toFile(data) {
    const { body = "", ...front } = data;
    return `---\n${yamlText(front)}---\n\n${body.trim()}\n`;
  },
});

// One item per file (data/plans/*.yml).
CMS.registerCustomFormat("portal-yaml", "yml", {
  fromFile: (text) => parse(text) || {},
  toFile: (data) => yamlText(data),
});

// A list of items (data/zones.yml...): the editor edits it as the field `items`,
// since Decap cannot edit a list at a file's root (decap-cms issue 531).
CMS.registerCustomFormat("portal-yaml-list", "yml", {
  fromFile: (text) => ({ items: parse(text) || [] }),
  toFile: (data) => {
    const items = (data.items || []).map(withoutEmpty).filter((item) => item !== undefined);
    return items.length ? stringify(items, WRITE) : "[]\n";
  },
});

// A translation is saved under its Vietnamese original's file name: the
// translator must choose the original (see the collections' slug).
CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    const collection = entry.get("collection");
    if (entry.get("newRecord") && settings.translations.includes(collection) && !entry.getIn(["data", settings.originalField])) {
      throw new Error(speaking.originalMissing);
    }
    return entry.get("data");
  },
});

// -- dates ------------------------------------------------------------------
// The browser's own date (and time) field, as Decap's, but what is typed is kept
// as typed: the form gets a date once its year has four digits. (Decap's widget
// re-reads the date at every key and saves a year being typed, "2", "20", as
// 1902, 1920: decap-cms#7939.) Times are Viet Nam's (settings.timeOffset).
const { h, createClass } = window; // Decap's React helpers
const COMPLETE = /^[1-9]\d{3}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;
// A moment as the browser's field shows it, in the portal's time zone.
const inPortalTime = (moment, withTime) => {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", {
    timeZone: settings.timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit",
    minute: "2-digit", hourCycle: "h23" }).formatToParts(moment).map(({ type, value }) => [type, value]));
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return withTime ? `${day}T${parts.hour}:${parts.minute}` : day;
};

const PortalDate = createClass({
  getInitialState() {
    return { typed: null }; // what the field shows while a date is being typed
  },
  withTime() {
    return this.props.field.get("time") === true;
  },
  shown() { // the saved value, as the browser's field takes it
    const value = String(this.props.value || "");
    if (!value) return "";
    if (!this.withTime()) return value.slice(0, 10);
    if (value.length <= 10) return `${value}T00:00`; // a day: from its start
    const moment = new Date(value); // written with an offset (+07:00, Z...) or none (the portal's time)
    return /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) && !Number.isNaN(moment.getTime())
      ? inPortalTime(moment, true) : value.slice(0, 16);
  },
  set(typed) {
    this.setState({ typed });
    if (typed === "") this.props.onChange("");
    else if (COMPLETE.test(typed)) this.props.onChange(this.withTime() ? `${typed}:00${settings.timeOffset}` : typed);
  },
  render() {
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle, t } = this.props;
    const button = (text, value) => h("button", { type: "button", className: "portal-date__button",
      onClick: () => { this.set(value); this.setState({ typed: null }); } }, text);
    return h("div", { className: `${classNameWrapper} portal-date` },
      h("input", {
        id: forID, type: this.withTime() ? "datetime-local" : "date", value: this.state.typed ?? this.shown(),
        onChange: (event) => this.set(event.target.value), onFocus: setActiveStyle,
        onBlur: () => { this.setState({ typed: null }); setInactiveStyle(); }, // an unfinished date: the saved one again
      }),
      button(t("editor.editorWidgets.datetime.now"), inPortalTime(new Date(), this.withTime())),
      button(t("editor.editorWidgets.datetime.clear"), ""));
  },
});
CMS.registerWidget("portal-date", PortalDate, createClass({
  render() {
    return h("span", {}, String(this.props.value || ""));
  },
}));

// -- preview ----------------------------------------------------------------
// A page or an item as the portal shows it (the portal's stylesheets are the
// preview's, settings.previewStyles): its title, its facts (date, place,
// number...) in the portal's table, in the interface's words, then its text.
const DATE = { dateStyle: "long" };
const DATE_TIME = { dateStyle: "long", timeStyle: "short" };

function factText(field, value) {
  if (value === undefined || value === null || value === "" || typeof value === "boolean") return null;
  if (field.widget === "select") {
    const chosen = typeof value === "object" ? [...value] : [value];
    return chosen.map((item) => (field.options.find((option) => option.value === item) || { label: item }).label).join(", ") || null;
  }
  if (typeof value === "object") return null; // lists and groups: the form shows them
  if (field.widget === "portal-date") {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(value); // a day is the same day everywhere: read and shown as UTC
    const time = new Date(day ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(time.getTime())) return String(value);
    return new Intl.DateTimeFormat(ui, day ? { ...DATE, timeZone: "UTC" } : { ...DATE_TIME, timeZone: settings.timeZone })
      .format(time);
  }
  return String(value);
}

const PagePreview = createClass({
  render() {
    const { entry, collection, widgetFor, getAsset } = this.props;
    const data = entry.get("data");
    const facts = collection.get("fields").toJS()
      .filter((field) => !settings.previewSkip.includes(field.name))
      .map((field) => [field.label, factText(field, data.get(field.name))])
      .filter(([, text]) => text);
    const image = data.get("image");
    const table = h("table", { className: "portal-facts" }, h("tbody", {},
      ...facts.map(([label, text]) => h("tr", { key: label }, h("th", { scope: "row" }, label), h("td", {}, text)))));
    return h("div", { className: "md-container" }, h("main", { className: "md-main" },
      h("div", { className: "md-main__inner md-grid" }, h("div", { className: "md-content" },
        h("article", { className: "md-content__inner md-typeset" },
          h("h1", {}, data.get("title") || ""),
          facts.length ? h("div", { className: "portal-article-header" }, table) : null,
          image ? h("img", { src: getAsset(image).toString(), alt: data.get("image_alt") || "" }) : null,
          widgetFor("body"))))));
  },
});
for (const name of settings.pageCollections) CMS.registerPreviewTemplate(name, PagePreview);

// -- interface --------------------------------------------------------------
for (const [locale, phrases] of Object.entries(settings.locales)) {
  CMS.registerLocale(locale, mergeDeep(CMS.getLocale(locale) || {}, phrases));
}
for (const style of settings.previewStyles) CMS.registerPreviewStyle(style);

// On an editor's own machine, Decap asks its local proxy which modes it has: `make edit`'s
// (decap-server writing into the folder) has no branches, so publishing writes at once.
CMS.init({ config: { ...config, load_config_file: false } });

function mergeDeep(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = value && typeof value === "object" && !Array.isArray(value) ? mergeDeep(base[key] || {}, value) : value;
  }
  return out;
}
