// Builds the site's search index with Pagefind (a chunked static index: a
// reader downloads only the parts their query needs, in their language).
// Called by portal/search/index.py after the site is built; reads a job as
// JSON on stdin: {site, output, pages: [{file, url, lang, fallback}]}.
// Prints {languages: {code: pages}} on success; exits 1 with a message on stderr.
import { readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const text = require(path.join(here, "../../overrides/assets/javascripts/portal-search-text.js"));

// The theme's article element: only the page's own text is indexed, not its
// menus. If the theme changes it, indexing stops here instead of indexing menus.
const ARTICLE = '<article class="md-content__inner md-typeset"';
// Heading anchors ("¶"), from Python-Markdown's toc extension: not text.
const HEADERLINK = /<a class="headerlink"[^>]*>[^<]*<\/a>/g;
// Files Pagefind writes for its own interfaces; the portal has its own.
const UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
  "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js"];

function fail(message) {
  process.stderr.write(message + "\n");
  process.exit(1);
}

async function readJob() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf-8"));
}

/* The page as the index should see it: the article marked as the body,
   fallback pages tagged, Lao words cut. Tags are left as they are. */
function prepare(html, page) {
  const start = html.indexOf(ARTICLE);
  if (start < 0) fail(`${page.file}: no ${ARTICLE}> element (did the theme change?)`);
  let attributes = " data-pagefind-body";
  if (page.fallback) attributes += ` data-pagefind-meta="fallback:${page.fallback}"`;
  // Only the article is indexed (the outer one: the home page has cards inside):
  // its words alone are cut (cutting the menus' Lao text too took half the time).
  const end = html.lastIndexOf("</article>");
  if (end < start) fail(`${page.file}: the article element is not closed`);
  const article = html
    .slice(start, end)
    .replace(HEADERLINK, "")
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith("<") ? part : text.indexText(part)))
    .join("");
  return html.slice(0, start) + article.replace(ARTICLE, ARTICLE + attributes) + html.slice(end);
}

let pagefind;
try {
  pagefind = await import("pagefind");
} catch (error) {
  fail(`Pagefind is not installed (run \`make install\`, which runs \`npm ci\`): ${error.message}`);
}

const job = await readJob();
const { index, errors } = await pagefind.createIndex({});
if (errors.length) fail(errors.join("\n"));
const languages = {};
// One page at a time, in the job's order: Pagefind numbers pages as they come,
// so pages handed over together (faster) gave a different index on every run.
for (const page of job.pages) {
  const html = await readFile(path.join(job.site, page.file), "utf-8");
  const added = await index.addHTMLFile({ url: page.url, content: prepare(html, page) });
  if (added.errors.length) fail(`${page.file}: ${added.errors.join("; ")}`);
  languages[page.lang] = (languages[page.lang] || 0) + 1;
}
// Write beside the target, then swap: the site never has half an index.
const staging = job.output + ".new";
await rm(staging, { recursive: true, force: true });
const written = await index.writeFiles({ outputPath: staging });
if (written.errors.length) fail(written.errors.join("\n"));
await pagefind.close();
for (const name of UNUSED) await rm(path.join(staging, name), { force: true });
await rm(job.output, { recursive: true, force: true });
await rename(staging, job.output);
process.stdout.write(JSON.stringify({ languages }) + "\n");
