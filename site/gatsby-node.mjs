import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleCleaning, recordCacheKey, restoreSetAsideStatic, setAsideUnreferencedStatic } from "./src/build-cache.mjs";
import { EXTERNAL_SCRIPT_NAME, externalizeInlineScripts, referencedScripts } from "./src/external-scripts.mjs";
import { postSlug } from "./src/post-slug.mjs";

const siteDir = fileURLToPath(new URL("./", import.meta.url));
const publicDir = fileURLToPath(new URL("./public/", import.meta.url));
const postTemplate = fileURLToPath(new URL("./src/templates/post.jsx", import.meta.url));

// What is kept between builds and why it is safe: src/build-cache.mjs.
export const onPreBootstrap = async ({ reporter }) => {
  const restored = await restoreSetAsideStatic(siteDir);
  if (restored) reporter.info(`put back ${restored} image file(s) set aside by an earlier build`);
};

// webpack's persistent cache would stamp a new compilation hash into every page: compile from scratch.
// Bundles of earlier builds leave public/ when the new ones are written (src/build-cache.mjs).
export const onCreateWebpackConfig = ({ stage, actions, getConfig }) => {
  const config = getConfig();
  if (stage === "build-javascript") {
    const clean = bundleCleaning((file) => EXTERNAL_SCRIPT_NAME.test(file));
    actions.replaceWebpackConfig({ ...config, cache: false, output: { ...config.output, clean } });
  } else if (stage === "build-html") actions.replaceWebpackConfig({ ...config, cache: false });
};

// Explicit types keep queries valid even when a field is missing from every post.
export const createSchemaCustomization = ({ actions }) => {
  actions.createTypes(`
    type MarkdownRemark implements Node {
      frontmatter: PostFrontmatter!
      fields: PostFields
    }
    type PostFrontmatter {
      title: String!
      date: Date! @dateformat
      description: String
      cover: File @fileByRelativePath
      coverAlt: String
      tags: [String!]
    }
    type PostFields {
      slug: String!
    }
  `);
};

export const onCreateNode = ({ node, actions, getNode, reporter }) => {
  if (node.internal.type !== "MarkdownRemark") return;
  const file = getNode(node.parent);
  const source = path.relative(process.cwd(), file.absolutePath);
  const { title, date, cover, coverAlt } = node.frontmatter ?? {};
  if (!title || !date || Number.isNaN(Date.parse(date))) {
    reporter.panicOnBuild(`${source}: front matter needs a title and an ISO date (date: 2024-05-01): add them`);
    return;
  }
  if (cover && !coverAlt?.trim()) {
    reporter.panicOnBuild(`${source}: a cover image needs a coverAlt that says what it shows: add coverAlt to the front matter`);
    return;
  }
  try {
    actions.createNodeField({ node, name: "slug", value: postSlug(file.name) });
  } catch (error) {
    reporter.panicOnBuild(`${source}: ${error.message}`);
  }
};

export const createPages = async ({ graphql, actions, reporter }) => {
  const result = await graphql(`
    {
      allMarkdownRemark(sort: { frontmatter: { date: ASC } }) {
        nodes { fields { slug } }
      }
    }
  `);
  if (result.errors) {
    reporter.panicOnBuild("Could not query the posts", result.errors);
    return;
  }
  const posts = result.data.allMarkdownRemark.nodes;
  posts.forEach((post, index) => {
    actions.createPage({
      path: post.fields.slug,
      component: postTemplate,
      // Slugs, not node ids: Gatsby derives ids from absolute file paths, and ids in page data would make
      // every checkout folder (every CodeBuild run) produce different files and a full re-upload.
      context: {
        slug: post.fields.slug,
        previousSlug: posts[index - 1]?.fields.slug ?? null,
        nextSlug: posts[index + 1]?.fields.slug ?? null,
      },
    });
  });
};

export const onPostBuild = async ({ graphql, reporter, pathPrefix }) => {
  const result = await graphql(`
    {
      site { siteMetadata { siteUrl } }
      allMarkdownRemark(sort: { frontmatter: { date: DESC } }, limit: 1) {
        nodes { frontmatter { date } }
      }
    }
  `);
  await writeFile(path.join(publicDir, "robots.txt"), robotsTxt(result.data.site.siteMetadata.siteUrl));
  const newest = result.data.allMarkdownRemark.nodes[0]?.frontmatter.date;
  if (newest) await pinFeedBuildDate(newest, reporter);
  await moveInlineScriptsToFiles(pathPrefix ?? "");
  const setAside = await setAsideUnreferencedStatic(siteDir);
  if (setAside.length) reporter.info(`set aside ${setAside.length} file(s) under public/static that no page uses`);
  await recordCacheKey(siteDir);
};

// The site's CSP (infra/modules/static-site) allows no inline scripts: see src/external-scripts.mjs.
// Runs after Gatsby stitched its slices into the pages. Pages a previous build already rewrote keep
// their references; script files no page references any more are removed, so public/ holds exactly
// what the pages need.
async function moveInlineScriptsToFiles(pathPrefix) {
  const entries = await readdir(publicDir, { recursive: true, withFileTypes: true });
  const pages = entries
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .filter((file) => !path.relative(publicDir, file).startsWith(`_gatsby${path.sep}`))
    .sort();
  const referenced = new Set();
  for (const page of pages) {
    const { html, scripts } = externalizeInlineScripts(await readFile(page, "utf8"), pathPrefix);
    for (const { name, content } of scripts) {
      if (!referenced.has(name)) await writeFile(path.join(publicDir, name), content);
      referenced.add(name);
    }
    for (const name of referencedScripts(html)) referenced.add(name);
    if (scripts.length) await writeFile(page, html);
  }
  for (const name of await readdir(publicDir)) {
    if (EXTERNAL_SCRIPT_NAME.test(name) && !referenced.has(name)) await rm(path.join(publicDir, name));
  }
}

// Crawlers find the sitemap through robots.txt; its URL must be absolute.
const robotsTxt = (siteUrl) => `User-agent: *\nAllow: /\n\nSitemap: ${siteUrl}/sitemap-index.xml\n`;

// The RSS library stamps <lastBuildDate> with the wall clock; pin it to the
// newest post so the same sources give the same feed, byte for byte.
async function pinFeedBuildDate(newestPostDate, reporter) {
  const feedPath = path.join(publicDir, "rss.xml");
  const feed = await readFile(feedPath, "utf8").catch(() => null);
  if (feed === null) {
    reporter.panicOnBuild(`public/rss.xml was not written by gatsby-plugin-feed: check its options in gatsby-config.mjs`);
    return;
  }
  const stamp = new Date(newestPostDate).toUTCString();
  await writeFile(
    feedPath,
    feed.replace(/<lastBuildDate>[^<]*<\/lastBuildDate>/, `<lastBuildDate>${stamp}</lastBuildDate>`),
  );
}
