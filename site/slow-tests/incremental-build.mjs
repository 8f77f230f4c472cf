// A build over the kept cache (src/build-cache.mjs) gives the bytes of a build from nothing, and a
// changed post re-encodes only its own images. Runs `npm run build` four times in a copy of the site
// (node_modules hard-linked) under .nuke/temp, so site/public stays as the other tests expect it:
//   clean A → incremental B → incremental A (reverted) → clean B, compared file by file.
// B changes one post's text and cover and the footer (a component, so new bundles replace A's).
// Two to four minutes on two shared cores: too long for every ./build.sh Test, so it lives outside test/ (node --test
// does not find it) and runs with `SITE_INCREMENTAL_TEST=1 ./build.sh TestSite` or `npm run test:incremental`.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import sharp from "sharp";
import { SITE_DIR, filesUnder } from "../testing/built-site.mjs";

const COPY = path.join(SITE_DIR, "..", ".nuke", "temp", "incremental-site");
const POST = path.join(COPY, "content", "posts", "typed-build-graph.md");
const COVER = path.join(COPY, "content", "posts", "images", "typed-build-graph-cover.png");
const LAYOUT = path.join(COPY, "src", "components", "Layout.jsx");
const ENV = { ...process.env, CI: "true", SITE_URL: "https://blog.example.com", GATSBY_CONTACT_API_URL: "/api/contact" };

function copySite() {
  rmSync(COPY, { recursive: true, force: true });
  mkdirSync(COPY, { recursive: true });
  for (const entry of ["content", "scripts", "src", "static", "gatsby-config.mjs", "gatsby-node.mjs", "package.json", "package-lock.json"]) {
    cpSync(path.join(SITE_DIR, entry), path.join(COPY, entry), { recursive: true });
  }
  // Hard links: a full copy of node_modules takes longer than the builds.
  execFileSync("cp", ["-al", path.join(SITE_DIR, "node_modules"), path.join(COPY, "node_modules")]);
}

function build() {
  const run = spawnSync("npm", ["run", "build"], { cwd: COPY, env: ENV, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const output = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.status, 0, `npm run build failed in ${COPY}:\n${output.slice(-4000)}`);
  const jobs = /IMAGE_PROCESSING jobs[^\n]*?(\d+)\/\d+/.exec(output);
  return { output, imageJobs: jobs ? Number(jobs[1]) : 0 };
}

function cleanBuild() {
  rmSync(path.join(COPY, ".cache"), { recursive: true, force: true });
  rmSync(path.join(COPY, "public"), { recursive: true, force: true });
  return build();
}

async function tree() {
  const publicDir = path.join(COPY, "public");
  const files = new Map();
  for (const file of await filesUnder(publicDir)) {
    files.set(path.relative(publicDir, file).split(path.sep).join("/"), createHash("sha256").update(readFileSync(file)).digest("hex"));
  }
  return files;
}

function differences(expected, actual) {
  const lines = [];
  for (const [file, hash] of expected) {
    if (!actual.has(file)) lines.push(`missing ${file}`);
    else if (actual.get(file) !== hash) lines.push(`changed ${file}`);
  }
  for (const file of actual.keys()) if (!expected.has(file)) lines.push(`extra ${file}`);
  return lines;
}

const imageTimes = (files, except) =>
  new Map([...files.keys()].filter((f) => f.startsWith("static/") && !f.includes(except)).map((f) => [f, statSync(path.join(COPY, "public", f)).mtimeMs]));

test("incremental builds give the bytes of clean builds; a changed post re-encodes only its own images", { timeout: 15 * 60_000 }, async () => {
  copySite();
  const originalPost = readFileSync(POST);
  const originalCover = readFileSync(COVER);
  const originalLayout = readFileSync(LAYOUT);
  const changedCover = await sharp(originalCover).flop().png({ compressionLevel: 9 }).toBuffer();
  const change = () => {
    writeFileSync(POST, originalPost.toString().replace("Most deploy scripts", "Most deployment scripts"));
    writeFileSync(COVER, changedCover);
    writeFileSync(LAYOUT, originalLayout.toString().replace("Write to us", "Write to the team"));
  };
  const revert = () => {
    writeFileSync(POST, originalPost);
    writeFileSync(COVER, originalCover);
    writeFileSync(LAYOUT, originalLayout);
  };

  const cleanA = cleanBuild();
  const a = await tree();
  assert.ok(cleanA.imageJobs > 0, "the clean build processed no images");
  const othersBefore = imageTimes(a, "typed-build-graph-cover");
  assert.ok(othersBefore.size > 10);

  change();
  const incrementalB = build();
  const b = await tree();
  assert.match(incrementalB.output, /build cache: kept/, "the second build did not build over the first one's cache");
  assert.ok(differences(a, b).some((line) => /^extra [^/]+\.js$/.test(line)), "B's footer change gave no new bundle");
  assert.deepEqual(imageTimes(b, "typed-build-graph-cover"), othersBefore, "other posts' images were written again");
  assert.ok(incrementalB.imageJobs > 0 && incrementalB.imageJobs < cleanA.imageJobs,
    `the incremental build ran ${incrementalB.imageJobs} image jobs (the clean one ${cleanA.imageJobs})`);

  revert();
  build();
  assert.deepEqual(differences(a, await tree()), [], "back to A, the incremental build differs from the clean build of A");

  change();
  cleanBuild();
  assert.deepEqual(differences(await tree(), b), [], "the incremental build of B differs from the clean build of B");
  assert.ok(existsSync(path.join(COPY, "public", "index.html")));
  rmSync(COPY, { recursive: true, force: true });
});
