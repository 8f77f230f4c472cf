// The guard of the incremental build (src/build-cache.mjs): what changes the cache key, what a changed key
// throws away, and which files webpack's clean may delete from public/. Real files in a temporary folder.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { bundleCleaning, cacheKey, forgetCacheOnNewInputs, recordCacheKey } from "../src/build-cache.mjs";
import { EXTERNAL_SCRIPT_NAME } from "../src/external-scripts.mjs";
import { postsFolder } from "../src/site-content.mjs";

const root = mkdtempSync(path.join(tmpdir(), "build-cache-"));
after(() => rmSync(root, { recursive: true, force: true }));

function site(name) {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, "src"), { recursive: true });
  mkdirSync(path.join(dir, "content", "posts"), { recursive: true });
  writeFileSync(path.join(dir, "gatsby-config.mjs"), "export default {};\n");
  writeFileSync(path.join(dir, "src", "slug.mjs"), "export const slug = 1;\n");
  return dir;
}

const environment = (dir, extra = {}) => ({ SITE_URL: "https://a.example", SITE_CONTENT: path.join(dir, "content"), ...extra });

test("the key changes with the configuration, node-side modules, build variables, content folder and site folder", async () => {
  const dir = site("key");
  const base = await cacheKey(dir, environment(dir));
  assert.equal(await cacheKey(dir, environment(dir)), base, "the same inputs give the same key");

  const other = path.join(root, "other-content");
  mkdirSync(path.join(other, "posts"), { recursive: true });
  assert.notEqual(await cacheKey(dir, environment(dir, { SITE_URL: "https://b.example" })), base);
  assert.notEqual(await cacheKey(dir, environment(dir, { SITE_CONTENT: other })), base);

  writeFileSync(path.join(dir, "src", "slug.mjs"), "export const slug = 2;\n");
  const afterModule = await cacheKey(dir, environment(dir));
  assert.notEqual(afterModule, base);
  writeFileSync(path.join(dir, "gatsby-config.mjs"), "export default { trailingSlash: 'never' };\n");
  assert.notEqual(await cacheKey(dir, environment(dir)), afterModule);

  const moved = site("moved");
  assert.notEqual(await cacheKey(moved, environment(dir)), await cacheKey(dir, environment(dir)), "another checkout folder");
});

test("a build starts from nothing unless the last successful one recorded the same key", async () => {
  const dir = site("forget");
  const write = () => {
    mkdirSync(path.join(dir, ".cache", "caches"), { recursive: true });
    mkdirSync(path.join(dir, "public"), { recursive: true });
    writeFileSync(path.join(dir, "public", "index.html"), "<p>kept</p>");
  };
  write();
  assert.equal(await forgetCacheOnNewInputs(dir, environment(dir)), true, "no recorded key: a cold build");
  assert.ok(!existsSync(path.join(dir, "public")) && !existsSync(path.join(dir, ".cache")));

  write();
  await recordCacheKey(dir, environment(dir));
  assert.equal(await forgetCacheOnNewInputs(dir, environment(dir)), false);
  assert.ok(existsSync(path.join(dir, "public", "index.html")), "a matching key keeps public/");

  // The key was taken away for the build's duration; a build that failed half way leaves none behind.
  assert.equal(await forgetCacheOnNewInputs(dir, environment(dir)), true);
  assert.ok(!existsSync(path.join(dir, "public")));

  write();
  await recordCacheKey(dir, environment(dir));
  assert.equal(await forgetCacheOnNewInputs(dir, environment(dir, { SITE_URL: "https://b.example" })), true);
  assert.ok(!existsSync(path.join(dir, "public")), "a changed build variable throws the cache away");
});

test("webpack's clean deletes earlier bundles at the top of public/ and nothing else", () => {
  const { keep } = bundleCleaning((file) => EXTERNAL_SCRIPT_NAME.test(file));
  for (const bundle of ["app-71c6e1ca444ba7910c42.js", "app-71c6e1ca444ba7910c42.js.map", "styles.dbf079b54f0bc6e3137c.css",
    "framework-0487b48cfbed1c92d421.js.LICENSE.txt", "webpack-runtime-c0366e0f9709d04da8be.js"]) {
    assert.equal(keep(bundle), false, `${bundle} is a bundle`);
  }
  for (const other of ["index.html", "robots.txt", "rss.xml", "chunk-map.json", "favicon.svg", "page-data", "static",
    "static/ab/cd/cover.png", "~partytown/partytown.js", "_gatsby/slices/_gatsby-scripts-1.html", "script-849fd6e4c6ffebded9b7.js"]) {
    assert.equal(keep(other), true, `${other} is not a bundle`);
  }
});

test("a content folder without posts/ is refused in one line naming the fix", () => {
  const empty = path.join(root, "no-posts");
  mkdirSync(empty, { recursive: true });
  assert.throws(() => postsFolder({ SITE_CONTENT: empty }), (error) => /has no posts\/ folder; fix:/.test(error.message) && !error.message.includes("\n"));
  mkdirSync(path.join(root, "content-b", "posts"), { recursive: true });
  assert.equal(postsFolder({ SITE_CONTENT: path.join(root, "content-b") }), path.join(root, "content-b", "posts"));
  assert.match(postsFolder({}), /content[/\\]posts$/);
});
