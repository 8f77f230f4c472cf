// Read-only access to the built site in site/public for the tests in test/.
// Lives outside test/ so that `node --test` does not run it as a test file.
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument, DomUtils } from "htmlparser2";

export const SITE_DIR = fileURLToPath(new URL("../", import.meta.url));
export const PUBLIC_DIR = path.join(SITE_DIR, "public");

// Tests of the built site make no sense without one: say so in one line and stop,
// instead of a page of ENOENT stack traces.
export function requireBuiltSite() {
  if (!existsSync(path.join(PUBLIC_DIR, "index.html"))) {
    console.error("site/public is missing: run ./build.sh CompileSite first");
    process.exit(1);
  }
}

export async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

// Every page a visitor can reach. Gatsby's _gatsby/slices/*.html are fragments
// stitched into pages at build time, not pages of their own.
export async function htmlPages() {
  const files = (await filesUnder(PUBLIC_DIR)).filter(
    (file) => file.endsWith(".html") && !path.relative(PUBLIC_DIR, file).startsWith("_gatsby"),
  );
  return Promise.all(
    files.map(async (file) => {
      const relative = path.relative(PUBLIC_DIR, file).split(path.sep).join("/");
      const html = await readFile(file, "utf8");
      return { relative, urlPath: urlPathOf(relative), html, doc: parseDocument(html) };
    }),
  );
}

export async function readPublic(relative) {
  return readFile(path.join(PUBLIC_DIR, relative), "utf8");
}

export async function htmlPage(relative) {
  const html = await readPublic(relative);
  return { relative, urlPath: urlPathOf(relative), html, doc: parseDocument(html) };
}

export function xmlDocument(xml) {
  return parseDocument(xml, { xmlMode: true });
}

function urlPathOf(relative) {
  if (relative === "index.html") return "/";
  return relative.endsWith("/index.html") ? `/${relative.slice(0, -"index.html".length)}` : `/${relative}`;
}

export const find = (doc, test) => DomUtils.findAll(test, doc.children);
export const findOne = (doc, test) => DomUtils.findOne(test, doc.children, true);
export const byTag = (name) => (element) => element.name === name;
export const text = (node) => DomUtils.textContent(node).trim();

// The text of every script a page runs before its bundles, inline or in its own file: Gatsby's
// window.pagePath and compilation hash live there (see src/external-scripts.mjs).
export async function pageScriptText(page) {
  const parts = [];
  for (const script of find(page.doc, byTag("script"))) {
    const src = script.attribs.src;
    if (!src) parts.push(DomUtils.textContent(script));
    else if (/^\/script-[0-9a-f]{20}\.js$/.test(src)) parts.push(await readPublic(src.slice(1)));
  }
  return parts.join("\n");
}
