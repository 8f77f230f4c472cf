// What the site keeps between builds, so that a build after a small change redoes only what changed
// while its output stays byte for byte the output of a build from nothing (`gatsby clean` first).
// slow-tests/incremental-build.mjs proves it (SITE_INCREMENTAL_TEST=1 ./build.sh TestSite: clean A, incremental B, back to A,
// clean B, all compared file by file); CompileSite builds over this cache, and buildspec.yml caches
// site/.cache and site/public in CodeBuild (Gatsby throws .cache away when public/ is missing).
//
// Kept:
// - .cache/redux, .cache/caches-lmdb, .cache/data: Gatsby's own incremental state: nodes, query results,
//   page and static query tracking, and the record of finished jobs (jobsV2). Gatsby checks it against
//   each source file's content digest, re-runs what depends on a changed node, and drops a finished job
//   whose input file changed. The one input Gatsby does not watch is its configuration in .mjs files
//   (its plugin hash reads only gatsby-config.js/.ts and gatsby-node.js/.ts), so cacheKey() below covers
//   those, the node-side modules they import, the installed packages and the build's environment, and
//   forgetCacheOnNewInputs() throws the whole state away when any of them changed.
// - .cache/caches/<plugin>: plugins' own caches, keyed by content digests (gatsby-plugin-sharp: image
//   metadata and placeholders; gatsby-transformer-remark: HTML per Markdown digest). Safe because the
//   keys name the content, and the options they leave out are in cacheKey().
// - public/: the pages, page data and images of the last build. Gatsby rewrites the pages and page data
//   whose inputs changed and deletes those of pages that are gone. public/static/<content digest>/
//   <options digest>/<name>.<ext> holds the images sharp wrote: Gatsby skips a finished job without
//   looking for its files, so they must stay where the job wrote them. Names carry the digests of the
//   source image and of the options, so a kept file is exactly what a new job would write (sharp's
//   encoders are deterministic for the same input, options and libvips). Bundles are emitted afresh
//   every build and webpack deletes the earlier builds' ones (bundleCleaning() below).
//
// Not kept: .cache/webpack, which holds webpack's persistent cache and Babel's loader cache.
// - webpack's cache gives a restored compilation a new compilation hash, which Gatsby stamps into every
//   page and app-data.json; the site turns it off (gatsby-node.mjs, onCreateWebpackConfig).
// - Babel's cache (babel-loader's cacheDirectory, which Gatsby sets) returns the same code, yet with it
//   the minified webpack runtime came out with two variable names swapped: a new runtime file name,
//   app-data.json and every page. (Probably: Terser names variables by character frequency and runs
//   while the runtime still holds webpack's intermediate chunk hashes, which the cached modules change;
//   the final content hashes are put in after minification.) Measured: the same incremental build with
//   .cache/webpack deleted first gives the clean build's bytes, so forgetCompilerCaches() deletes it
//   before each build. JavaScript is compiled from scratch every build: seconds for this site.
//
// Images a page no longer uses: a build from nothing writes only what its pages use, so after each
// build public/static keeps exactly the files some built file refers to. The others are set aside
// in .cache/static-set-aside/ (not deleted: Gatsby still counts their jobs as done and would not
// write them again when a revert brings the image back) and are put back before the next build.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { postsFolder } from "./site-content.mjs";

export const CACHE_KEY_FILE = "build-inputs.sha256";
export const SET_ASIDE_DIR = "static-set-aside";

// Environment the build reads: it reaches siteMetadata and the bundles.
const BUILD_ENVIRONMENT = ["SITE_URL", "GATSBY_CONTACT_API_URL"];

async function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** A digest of every input of the build that Gatsby's own cache does not watch. */
export async function cacheKey(siteDir, environment = process.env) {
  const hash = createHash("sha256");
  const files = [
    "package.json",
    "package-lock.json",
    "node_modules/.package-lock.json",
    "gatsby-config.mjs",
    "gatsby-node.mjs",
    // Modules gatsby-node.mjs and gatsby-config.mjs import run on the node side (slugs, scripts, this file).
    ...(await filesUnder(path.join(siteDir, "src"))).filter((f) => f.endsWith(".mjs")).map((f) => path.relative(siteDir, f)),
  ];
  for (const file of files) {
    const full = path.join(siteDir, file);
    hash.update(`${file.split(path.sep).join("/")}\0`);
    hash.update(existsSync(full) ? await readFile(full) : "(missing)");
    hash.update("\0");
  }
  for (const name of BUILD_ENVIRONMENT) hash.update(`${name}=${environment[name] ?? ""}\0`);
  hash.update(`node=${process.versions.node}\0`);
  // Gatsby's state holds absolute paths (node ids, image jobs): another checkout folder or another content
  // folder starts from nothing.
  hash.update(`site=${path.resolve(siteDir)}\0posts=${postsFolder(environment)}\0`);
  return hash.digest("hex");
}

/**
 * Before `gatsby build`: unless the last build that succeeded here had the same inputs Gatsby does not
 * watch, start from nothing (what `gatsby clean` does: .cache and public go). Returns whether it did.
 */
export async function forgetCacheOnNewInputs(siteDir, environment = process.env) {
  const cacheDir = path.join(siteDir, ".cache");
  const keyFile = path.join(cacheDir, CACHE_KEY_FILE);
  const previous = existsSync(keyFile) ? (await readFile(keyFile, "utf8")).trim() : null;
  // Gone until the build succeeds: a build that fails half way leaves nothing to trust.
  await rm(keyFile, { force: true });
  if (previous === (await cacheKey(siteDir, environment))) return false;
  await rm(cacheDir, { recursive: true, force: true });
  await rm(path.join(siteDir, "public"), { recursive: true, force: true });
  return true;
}

/** Before every build: webpack's and Babel's caches go (see the top of this file). */
export async function forgetCompilerCaches(siteDir) {
  await rm(path.join(siteDir, ".cache", "webpack"), { recursive: true, force: true });
}

// What webpack's build-javascript stage writes at the top of public/: bundles, their source maps and
// licence notes, styles. Our own script-<hash>.js files (src/external-scripts.mjs) share the pattern.
const BUNDLE_FILE = /^[^/]+\.(js|js\.map|js\.LICENSE\.txt|css|css\.map)$/;

/**
 * webpack's output.clean for the build-javascript stage: removes the earlier builds' bundles from public/
 * (a build from nothing has only its own) and keeps everything else Gatsby and this site wrote there.
 */
export function bundleCleaning(isOwnScript) {
  return { keep: (file) => !BUNDLE_FILE.test(file) || isOwnScript(file) };
}

/** After a successful build (onPostBuild): the inputs the cache now matches. */
export async function recordCacheKey(siteDir, environment = process.env) {
  const cacheDir = path.join(siteDir, ".cache");
  await mkdir(cacheDir, { recursive: true });
  await writeFile(path.join(cacheDir, CACHE_KEY_FILE), `${await cacheKey(siteDir, environment)}\n`);
}

// Text files that can name a file under static/: pages, page data, bundles, styles, feeds.
const REFERRING = /\.(html|json|js|css|xml|txt|webmanifest)$/;
const STATIC_REFERENCE = /static\/[^"'()\s,?#\\<>&]+/g;

/** Every path under static/ (like "static/ab/cd/x.png") that a built file outside static/ names. */
export async function referencedStaticFiles(publicDir) {
  const referenced = new Set();
  for (const file of await filesUnder(publicDir)) {
    const relative = path.relative(publicDir, file);
    if (relative.startsWith(`static${path.sep}`) || !REFERRING.test(file)) continue;
    for (const [match] of (await readFile(file, "utf8")).matchAll(STATIC_REFERENCE)) {
      referenced.add(match);
      try {
        referenced.add(decodeURIComponent(match));
      } catch {
        // not percent-encoded
      }
    }
  }
  return referenced;
}

/** After a build: moves files under public/static that no built file names into .cache/static-set-aside. */
export async function setAsideUnreferencedStatic(siteDir) {
  const publicDir = path.join(siteDir, "public");
  const setAside = path.join(siteDir, ".cache", SET_ASIDE_DIR);
  const referenced = await referencedStaticFiles(publicDir);
  const moved = [];
  for (const file of await filesUnder(path.join(publicDir, "static"))) {
    const relative = path.relative(publicDir, file).split(path.sep).join("/");
    if (referenced.has(relative)) continue;
    const target = path.join(setAside, path.relative(path.join(publicDir, "static"), file));
    await mkdir(path.dirname(target), { recursive: true });
    await rename(file, target);
    moved.push(relative);
  }
  await removeEmptyDirectories(path.join(publicDir, "static"), { keepRoot: true });
  return moved;
}

/** Before a build: puts set-aside files back where Gatsby's finished jobs expect them. */
export async function restoreSetAsideStatic(siteDir) {
  const setAside = path.join(siteDir, ".cache", SET_ASIDE_DIR);
  const staticDir = path.join(siteDir, "public", "static");
  let restored = 0;
  for (const file of await filesUnder(setAside)) {
    const target = path.join(staticDir, path.relative(setAside, file));
    await mkdir(path.dirname(target), { recursive: true });
    if (existsSync(target)) await rm(file);
    else {
      await rename(file, target);
      restored++;
    }
  }
  await rm(setAside, { recursive: true, force: true });
  return restored;
}

async function removeEmptyDirectories(dir, { keepRoot = false } = {}) {
  if (!existsSync(dir)) return;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await removeEmptyDirectories(path.join(dir, entry.name));
  }
  if (!keepRoot && (await readdir(dir)).length === 0) await rmdir(dir);
}
