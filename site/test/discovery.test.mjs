import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { SITE_DIR, filesUnder } from "../testing/built-site.mjs";

// `node --test` with no arguments runs every file matching these patterns
// outside node_modules. Build output must never match, or `npm test` would run
// Gatsby's bundles as tests.
const NODE_TEST_PATTERNS = [
  /(^|\/)[^/]*\.test\.[cm]?js$/,
  /(^|\/)[^/]*[-_]test\.[cm]?js$/,
  /(^|\/)test-[^/]*\.[cm]?js$/,
  /(^|\/)test\.[cm]?js$/,
  /(^|\/)test\/.*\.[cm]?js$/,
];

test("nothing Gatsby writes looks like a test file to node --test", async () => {
  for (const output of ["public", ".cache"]) {
    const dir = path.join(SITE_DIR, output);
    if (!existsSync(dir)) continue;
    const files = (await filesUnder(dir)).map((file) => path.relative(SITE_DIR, file).split(path.sep).join("/"));
    const matching = files.filter((file) => NODE_TEST_PATTERNS.some((pattern) => pattern.test(file)));
    assert.deepEqual(matching, [], `${output}/ holds files node --test would run`);
  }
});
