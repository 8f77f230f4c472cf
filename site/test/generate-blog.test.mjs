// scripts/generate-blog.mjs, the generated blog the benchmarks build: the same seed gives the same bytes,
// every post has a cover and tags, and a folder it did not write is refused without a write.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { SITE_DIR, filesUnder } from "../testing/built-site.mjs";

const root = mkdtempSync(path.join(tmpdir(), "generate-blog-"));
after(() => rmSync(root, { recursive: true, force: true }));

const generate = (...args) =>
  spawnSync(process.execPath, [path.join(SITE_DIR, "scripts", "generate-blog.mjs"), ...args], { encoding: "utf8" });

async function contents(folder) {
  const files = new Map();
  for (const file of await filesUnder(path.join(folder, "posts"))) files.set(path.relative(folder, file), readFileSync(file).toString("base64"));
  return files;
}

test("the same seed and count give the same files; another seed gives others", async () => {
  const [a, b, c] = ["a", "b", "c"].map((name) => path.join(root, name));
  for (const [folder, seed] of [[a, "7"], [b, "7"], [c, "8"]]) assert.equal(generate(folder, "--posts", "4", "--seed", seed).status, 0);
  const first = await contents(a);
  assert.equal(first.size, 8, "four posts and four covers");
  assert.deepEqual(await contents(b), first);
  assert.notDeepEqual(await contents(c), first);
});

test("each post has front matter the site requires, tags and a cover file beside it", () => {
  const folder = path.join(root, "front-matter");
  assert.equal(generate(folder, "--posts", "3").status, 0);
  const posts = readdirSync(path.join(folder, "posts")).filter((name) => name.endsWith(".md"));
  assert.equal(posts.length, 3);
  for (const name of posts) {
    const markdown = readFileSync(path.join(folder, "posts", name), "utf8");
    assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*\.md$/, "the file name is a valid slug");
    assert.match(markdown, /^title: ".+"$/m);
    assert.match(markdown, /^date: "\d{4}-\d{2}-\d{2}"$/m);
    assert.match(markdown, /^coverAlt: ".+"$/m);
    assert.match(markdown, /^tags: \["[a-z-]+"(, "[a-z-]+")*\]$/m);
    const cover = /^cover: "\.\/(images\/[^"]+\.png)"$/m.exec(markdown)?.[1];
    assert.ok(cover && readFileSync(path.join(folder, "posts", cover)).subarray(1, 4).toString() === "PNG", `${name}: its cover is a PNG`);
  }
});

test("a second run replaces its own earlier posts; a folder it did not write is refused without a write", () => {
  const own = path.join(root, "own");
  assert.equal(generate(own, "--posts", "5").status, 0);
  assert.equal(generate(own, "--posts", "2").status, 0);
  assert.equal(readdirSync(path.join(own, "posts")).filter((name) => name.endsWith(".md")).length, 2);

  const foreign = path.join(root, "foreign");
  mkdirSync(foreign);
  writeFileSync(path.join(foreign, "notes.txt"), "mine");
  const refused = generate(foreign, "--posts", "2");
  assert.equal(refused.status, 2);
  assert.equal(refused.stderr.trim().split("\n").length, 1);
  assert.match(refused.stderr, /is not empty and was not written by this script; fix: name a new or empty folder/);
  assert.deepEqual(readdirSync(foreign), ["notes.txt"]);

  const bad = generate(path.join(root, "bad"), "--posts", "many");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--posts many is not a whole number/);
});
