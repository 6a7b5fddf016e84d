// The web editor's additions to Decap CMS (portal/editor/): how our files are
// read and written, the interface strings Decap lacks, the portal's look in the
// preview, and which language the interface speaks. A module: it runs after
// decap-cms.js, which admin-init.js told to wait for CMS.init below.
import { parse, stringify } from "./yaml/index.js";

const settings = await (await fetch("portal-admin.json")).json();
// The interface's language: the portal's default, or the one asked for (?ui=en, ?ui=lo).
const asked = new URLSearchParams(location.search).get("ui");
const ui = asked in settings.interfaces ? asked : Object.keys(settings.interfaces)[0];
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

// -- interface --------------------------------------------------------------
for (const [locale, phrases] of Object.entries(settings.locales)) {
  CMS.registerLocale(locale, mergeDeep(CMS.getLocale(locale) || {}, phrases));
}
for (const style of settings.previewStyles) CMS.registerPreviewStyle(style);

const local = ["127.0.0.1", "localhost"].includes(location.hostname);
CMS.init({
  config: {
    ...config,
    load_config_file: false,
    // decap-server on an editor's own machine writes to the folder: no branches there.
    ...(local ? { publish_mode: "simple" } : {}),
  },
});

function mergeDeep(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = value && typeof value === "object" && !Array.isArray(value) ? mergeDeep(base[key] || {}, value) : value;
  }
  return out;
}
