// The deploy uploads only files whose bytes changed, so the built site must not depend on where the
// checkout lives: Gatsby's node ids are derived from absolute file paths and must not reach page data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PUBLIC_DIR, filesUnder, requireBuiltSite } from "../testing/built-site.mjs";

requireBuiltSite();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

test("page data carries no node ids, which change with the checkout folder", async () => {
  const pageData = (await filesUnder(path.join(PUBLIC_DIR, "page-data"))).filter((f) => f.endsWith("page-data.json"));
  assert.ok(pageData.length > 5, "expected page data for every page");
  const offenders = [];
  for (const file of pageData) {
    const { result } = JSON.parse(await readFile(file, "utf8"));
    if (UUID.test(JSON.stringify(result?.pageContext ?? {}))) offenders.push(path.relative(PUBLIC_DIR, file));
  }
  assert.deepEqual(offenders, []);
});

test("no built file names the folder the site was built in", async () => {
  const root = path.resolve(PUBLIC_DIR, "..", "..");
  const offenders = [];
  for (const file of await filesUnder(PUBLIC_DIR)) {
    if (!/\.(html|json|js|map|xml|txt|css|webmanifest)$/.test(file)) continue;
    if ((await readFile(file, "utf8")).includes(root)) offenders.push(path.relative(PUBLIC_DIR, file));
  }
  assert.deepEqual(offenders, []);
});
