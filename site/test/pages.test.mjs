import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { byTag, find, findOne, htmlPage, htmlPages, requireBuiltSite, text } from "../testing/built-site.mjs";
import { sourcePosts } from "../testing/posts.mjs";

requireBuiltSite();

let pages;
let posts;
before(async () => {
  pages = await htmlPages();
  posts = await sourcePosts();
});

const meta = (doc, name) => findOne(doc, (el) => el.name === "meta" && el.attribs.name === name)?.attribs.content;

describe("every page", () => {
  test("the build produced the home, contact, 404 and one page per post", () => {
    const paths = pages.map((page) => page.urlPath);
    for (const expected of ["/", "/contact/", "/404.html", ...posts.map((post) => post.urlPath)]) {
      assert.ok(paths.includes(expected), `no page at ${expected}; built: ${paths.join(", ")}`);
    }
  });

  test("has exactly one non-empty <title>", () => {
    for (const page of pages) {
      const titles = find(page.doc, byTag("title"));
      assert.equal(titles.length, 1, `${page.relative} has ${titles.length} <title> elements`);
      assert.notEqual(text(titles[0]), "", `${page.relative} has an empty <title>`);
    }
  });

  test("has a meta description, a language and one <h1>", () => {
    for (const page of pages) {
      assert.ok(meta(page.doc, "description")?.trim(), `${page.relative} has no meta description`);
      assert.equal(findOne(page.doc, byTag("html"))?.attribs.lang, "en", `${page.relative} has no lang="en"`);
      assert.equal(find(page.doc, byTag("h1")).length, 1, `${page.relative} should have one <h1>`);
    }
  });

  test("titles are unique, so tabs and search results can be told apart", () => {
    const seen = new Map();
    for (const page of pages.filter((p) => !p.urlPath.startsWith("/404"))) {
      const title = text(findOne(page.doc, byTag("title")));
      assert.ok(!seen.has(title), `${page.relative} and ${seen.get(title)} share the title "${title}"`);
      seen.set(title, page.relative);
    }
  });

  test("has a canonical link to its own path", () => {
    for (const page of pages.filter((p) => !p.urlPath.startsWith("/404"))) {
      const canonical = findOne(page.doc, (el) => el.name === "link" && el.attribs.rel === "canonical");
      assert.ok(canonical, `${page.relative} has no canonical link`);
      assert.equal(new URL(canonical.attribs.href).pathname, page.urlPath, `${page.relative} canonical`);
    }
  });

  test("has the header navigation and the footer", () => {
    for (const page of pages) {
      const nav = findOne(page.doc, (el) => el.name === "nav" && el.attribs["aria-label"] === "Main");
      assert.ok(nav, `${page.relative} has no main navigation`);
      const hrefs = find(nav, byTag("a")).map((a) => a.attribs.href);
      assert.deepEqual(hrefs, ["/", "/contact/", "/rss.xml"], `${page.relative} navigation`);
      assert.ok(findOne(page.doc, byTag("footer")), `${page.relative} has no footer`);
    }
  });
});

describe("home page", () => {
  test("lists every post, newest first, with title, date, excerpt and link", async () => {
    const home = await htmlPage("index.html");
    const items = find(home.doc, (el) => el.name === "li" && el.attribs.class === "post-summary");
    const newestFirst = [...posts].sort((a, b) => b.date.localeCompare(a.date));
    assert.equal(items.length, posts.length, "one list item per post");
    items.forEach((item, index) => {
      const post = newestFirst[index];
      const heading = findOne(item, byTag("h2"));
      assert.equal(text(heading), post.title);
      assert.equal(findOne(heading, byTag("a")).attribs.href, post.urlPath);
      assert.equal(findOne(item, byTag("time")).attribs.datetime, post.date);
      assert.ok(text(item).includes(post.description), `excerpt of ${post.slug}`);
    });
  });
});

describe("post pages", () => {
  test("show the post's title as <h1>, its date, and its description as meta description", async () => {
    for (const post of posts) {
      const page = await htmlPage(`posts/${post.slug}/index.html`);
      assert.equal(text(findOne(page.doc, byTag("h1"))), post.title);
      assert.equal(findOne(page.doc, byTag("time")).attribs.datetime, post.date);
      assert.equal(meta(page.doc, "description"), post.description);
      assert.ok(text(findOne(page.doc, byTag("title"))).startsWith(post.title), `${post.slug} <title>`);
    }
  });

  test("link to their neighbours in date order", async () => {
    const oldestFirst = [...posts].sort((a, b) => a.date.localeCompare(b.date));
    for (const [index, post] of oldestFirst.entries()) {
      const page = await htmlPage(`posts/${post.slug}/index.html`);
      const rel = (name) => findOne(page.doc, (el) => el.name === "a" && el.attribs.rel === name)?.attribs.href;
      assert.equal(rel("prev"), oldestFirst[index - 1]?.urlPath, `${post.slug} previous`);
      assert.equal(rel("next"), oldestFirst[index + 1]?.urlPath, `${post.slug} next`);
    }
  });
});

describe("404 page", () => {
  test("says the page was not found, is not indexed and links home", async () => {
    const page = await htmlPage("404.html");
    assert.match(text(findOne(page.doc, byTag("h1"))), /not found/i);
    assert.equal(meta(page.doc, "robots"), "noindex");
    assert.ok(find(findOne(page.doc, byTag("main")), byTag("a")).some((a) => a.attribs.href === "/"));
  });
});
