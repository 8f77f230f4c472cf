import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { PUBLIC_DIR, htmlPages, pageScriptText, readPublic, requireBuiltSite } from "../testing/built-site.mjs";

requireBuiltSite();

// Gatsby's router fetches these files from script, so no link checker sees
// them; a deploy that lost one would break client-side navigation.
let pages;
let chunkMap;
let compilationHash;
before(async () => {
  pages = await htmlPages();
  chunkMap = JSON.parse(await readPublic("chunk-map.json"));
  compilationHash = JSON.parse(await readPublic("page-data/app-data.json")).webpackCompilationHash;
});

const pageDataFile = (pagePath) => {
  const trimmed = pagePath === "/" ? "index" : pagePath.replace(/^\/|\/$/g, "");
  return path.join("page-data", trimmed, "page-data.json");
};

test("every page's page-data, component chunk and static queries exist", async () => {
  for (const page of pages) {
    const pagePath = /window\.pagePath="([^"]*)"/.exec(await pageScriptText(page))?.[1];
    assert.ok(pagePath, `${page.relative} does not name its page path`);
    const dataFile = pageDataFile(pagePath);
    assert.ok(existsSync(path.join(PUBLIC_DIR, dataFile)), `${page.relative} needs ${dataFile}, which is missing`);
    const pageData = JSON.parse(await readPublic(dataFile));
    const chunks = chunkMap[pageData.componentChunkName];
    assert.ok(chunks?.length, `${dataFile} names ${pageData.componentChunkName}, which chunk-map.json lacks`);
    for (const hash of pageData.staticQueryHashes) {
      const query = path.join("page-data", "sq", "d", `${hash}.json`);
      assert.ok(existsSync(path.join(PUBLIC_DIR, query)), `${dataFile} needs ${query}, which is missing`);
    }
  }
});

test("every chunk in chunk-map.json was written", () => {
  for (const [name, files] of Object.entries(chunkMap)) {
    for (const file of files) assert.ok(existsSync(path.join(PUBLIC_DIR, file)), `${name} needs ${file}`);
  }
});

test("HTML and app-data agree on the webpack compilation", async () => {
  assert.match(compilationHash, /^[0-9a-f]{8,}$/);
  for (const page of pages) {
    const inPage = /webpackCompilationHash="([0-9a-f]+)"/.exec(await pageScriptText(page))?.[1];
    assert.equal(inPage, compilationHash, `${page.relative} was built by another compilation than app-data.json`);
  }
});
