import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { before, describe, test } from "node:test";
import { PUBLIC_DIR, byTag, find, findOne, readPublic, requireBuiltSite, text, xmlDocument } from "../testing/built-site.mjs";
import { sourcePosts } from "../testing/posts.mjs";

requireBuiltSite();

let posts;
let origin;
before(async () => {
  posts = await sourcePosts();
  const rss = xmlDocument(await readPublic("rss.xml"));
  origin = new URL(text(findOne(findOne(rss, byTag("channel")), (el) => el.name === "link" && el.parent.name === "channel"))).origin;
});

describe("RSS feed at /rss.xml", () => {
  test("is RSS 2.0 with one item per post, each with title, absolute link and date", async () => {
    const rss = xmlDocument(await readPublic("rss.xml"));
    assert.equal(findOne(rss, byTag("rss"))?.attribs.version, "2.0");
    const items = find(rss, byTag("item"));
    assert.equal(items.length, posts.length);
    for (const post of posts) {
      const item = items.find((candidate) => text(findOne(candidate, byTag("title"))) === post.title);
      assert.ok(item, `the feed has no item titled "${post.title}"`);
      assert.equal(text(findOne(item, byTag("link"))), `${origin}${post.urlPath}`);
      assert.equal(new Date(text(findOne(item, byTag("pubDate")))).toISOString().slice(0, 10), post.date);
      assert.ok(text(findOne(item, byTag("content:encoded"))).length > 200, `${post.slug} has its full text`);
    }
  });

  test("dates its last build by the newest post, so the same sources give the same feed", async () => {
    const rss = xmlDocument(await readPublic("rss.xml"));
    const newest = posts.map((post) => post.date).sort().at(-1);
    assert.equal(new Date(text(findOne(rss, byTag("lastBuildDate")))).toISOString().slice(0, 10), newest);
  });

  test("is announced to feed readers from every page's <head>", async () => {
    const home = await readPublic("index.html");
    assert.match(home, /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/rss\.xml"\/>/);
  });
});

describe("sitemap", () => {
  const locations = (xml) => find(xmlDocument(xml), byTag("loc")).map(text);

  test("sitemap-index.xml points at sitemaps that exist", async () => {
    const sitemaps = locations(await readPublic("sitemap-index.xml"));
    assert.ok(sitemaps.length > 0, "the sitemap index lists no sitemaps");
    for (const url of sitemaps) {
      assert.equal(new URL(url).origin, origin, `${url} is on another origin than the feed`);
      assert.ok(existsSync(path.join(PUBLIC_DIR, new URL(url).pathname)), `${url} was not built`);
    }
  });

  test("lists the home page, the contact page and every post, but no 404 page", async () => {
    const sitemaps = locations(await readPublic("sitemap-index.xml"));
    const urls = (await Promise.all(sitemaps.map((url) => readPublic(new URL(url).pathname)))).flatMap(locations);
    for (const expected of ["/", "/contact/", ...posts.map((post) => post.urlPath)]) {
      assert.ok(urls.includes(`${origin}${expected}`), `the sitemap lacks ${origin}${expected}`);
    }
    assert.deepEqual(urls.filter((url) => url.includes("404")), []);
  });

  test("robots.txt names the sitemap by absolute URL", async () => {
    assert.match(await readPublic("robots.txt"), new RegExp(`^Sitemap: ${origin}/sitemap-index\\.xml$`, "m"));
  });
});
