import assert from "node:assert/strict";
import { test } from "node:test";
import { LinkChecker } from "linkinator";
import { PUBLIC_DIR, htmlPages, requireBuiltSite } from "../testing/built-site.mjs";

requireBuiltSite();

// linkinator serves site/public on a local port and crawls from every HTML
// page; only links to that server are checked (tests have no internet, and
// canonical and feed URLs name the production domain).
const isLocal = (link) => {
  try {
    const { protocol, hostname } = new URL(link);
    return (protocol === "http:" || protocol === "https:") && ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
  } catch {
    return false;
  }
};

// linkinator reports local links relative to the server root ("contact/", "./").
const pathOf = (url) => {
  if (!url) return "(start)";
  try {
    return new URL(url).pathname;
  } catch {
    return `/${url.replace(/^\.\//, "")}`;
  }
};

test("every internal link, script, stylesheet and image reference resolves", { timeout: 120_000 }, async () => {
  const pages = (await htmlPages()).map((page) => page.relative);
  const result = await new LinkChecker().check({
    path: pages,
    serverRoot: PUBLIC_DIR,
    recurse: true,
    checkCss: true,
    checkFragments: true,
    concurrency: 20,
    timeout: 15_000,
    linksToSkip: async (link) => !isLocal(link),
  });
  const checked = result.links.filter((link) => link.state !== "SKIPPED");
  const broken = checked
    .filter((link) => link.state === "BROKEN")
    .map((link) => `${link.status || "no response"} ${pathOf(link.url)} (linked from ${pathOf(link.parent)})`);
  assert.deepEqual(broken, [], `broken links:\n${broken.join("\n")}`);

  // Guard against a crawl that silently checked nothing.
  const paths = new Set(checked.map((link) => pathOf(link.url)));
  for (const expected of ["/contact/", "/rss.xml", "/sitemap-index.xml", "/favicon.svg"]) {
    assert.ok(paths.has(expected), `the crawl never reached ${expected}; it checked ${[...paths].join(", ")}`);
  }
  assert.ok([...paths].some((p) => /^\/app-[0-9a-f]+\.js$/.test(p)), "the crawl checked no hashed JavaScript bundle");
  assert.ok(checked.length >= pages.length, `only ${checked.length} links checked`);
});
