// Images as gatsby-plugin-image and gatsby-remark-images render them: every file a page names
// exists, responsive (srcset + sizes, WebP beside the fallback), lazy, with a blurred placeholder
// that the CSP's img-src 'self' data: allows.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { PUBLIC_DIR, byTag, find, htmlPage, htmlPages, requireBuiltSite } from "../testing/built-site.mjs";
import { sourcePosts } from "../testing/posts.mjs";

requireBuiltSite();

const urlsOf = (srcset) => (srcset ?? "").split(",").map((candidate) => candidate.trim().split(/\s+/)[0]).filter(Boolean);
const imagesOf = (page) => find(page.doc, byTag("img"));
// gatsby-plugin-image renders the live <img>/<source> with data-src/data-srcset (its module script or
// hydration swaps them in once the browser can lazy-load natively) and a copy with src/srcset in <noscript>.
const srcOf = (el) => el.attribs.src ?? el.attribs["data-src"];
const srcsetOf = (el) => el.attribs.srcset ?? el.attribs["data-srcset"];
const inNoscript = (el) => {
  for (let node = el.parent; node; node = node.parent) if (node.name === "noscript") return true;
  return false;
};
const sourcesOf = (page) => find(page.doc, byTag("source"));
// gatsby-plugin-image repeats each image inside <noscript> for browsers without JavaScript.
const noscriptHtml = (page) => find(page.doc, byTag("noscript")).map((n) => n.children.map((c) => c.data ?? "").join("")).join("");

test("every image file a page names exists (src, srcset, <source>, <noscript>, links to originals)", async () => {
  const missing = [];
  let checked = 0;
  for (const page of await htmlPages()) {
    const urls = [
      ...imagesOf(page).flatMap((img) => [srcOf(img), ...urlsOf(srcsetOf(img))]),
      ...sourcesOf(page).flatMap((source) => urlsOf(srcsetOf(source))),
      ...[...noscriptHtml(page).matchAll(/(?:src|srcset)="([^"]*)"/g)].flatMap((m) => urlsOf(m[1])),
      ...find(page.doc, (el) => el.name === "a" && /^\/static\//.test(el.attribs.href ?? "")).map((a) => a.attribs.href),
    ].filter((url) => url && !url.startsWith("data:"));
    for (const url of urls) {
      checked++;
      if (!url.startsWith("/")) missing.push(`${page.relative}: ${url} is not a site path`);
      else if (!existsSync(path.join(PUBLIC_DIR, decodeURIComponent(url)))) missing.push(`${page.relative}: ${url}`);
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(checked > 20, `only ${checked} image references found: did the posts lose their images?`);
});

test("each post with a cover shows it responsive, lazy, in WebP and its own format, with a blurred placeholder", async () => {
  const withCover = (await sourcePosts()).filter((post) => post.cover);
  assert.ok(withCover.length >= 3, "expected at least three posts with a cover image");
  const home = await htmlPage("index.html");
  for (const post of withCover) {
    const name = path.basename(post.cover, path.extname(post.cover));
    for (const page of [await htmlPage(`posts/${post.slug}/index.html`), home]) {
      const [main, fallback] = [false, true].map((noscript) =>
        imagesOf(page).find((img) => "data-main-image" in img.attribs && inNoscript(img) === noscript && srcOf(img)?.includes(`/${name}.`)),
      );
      assert.ok(main && fallback, `${page.relative}: no cover image for ${post.slug} (and its <noscript> copy)`);
      for (const img of [main, fallback]) {
        assert.equal(img.attribs.alt, post.coverAlt, `${page.relative}: the cover's alt is the post's coverAlt`);
        assert.equal(img.attribs.loading, "lazy");
        assert.ok(urlsOf(srcsetOf(img)).length >= 2, `${page.relative}: the cover has no srcset`);
        assert.ok(img.attribs.sizes, `${page.relative}: the cover has no sizes`);
        const webp = img.parent.children.find((c) => c.name === "source" && c.attribs.type === "image/webp");
        assert.ok(webp && urlsOf(srcsetOf(webp)).every((u) => u.endsWith(".webp")), `${page.relative}: no WebP <source> for ${name}`);
        assert.ok(webp.attribs.sizes, `${page.relative}: the WebP source has no sizes`);
      }
      assert.ok(fallback.attribs.srcset, `${page.relative}: the <noscript> copy needs a real srcset`);
      const wrapper = main.parent.parent;
      const placeholder = find({ children: [wrapper] }, (el) => el.name === "img" && "data-placeholder-image" in el.attribs)[0];
      assert.match(placeholder?.attribs.src ?? "", /^data:image\/(png|jpeg|webp);base64,/, `${page.relative}: no blurred placeholder for ${name}`);
    }
  }
});

test("Markdown images are responsive, lazy, offer WebP, blur up from an inline placeholder and link to the original", async () => {
  let found = 0;
  for (const post of await sourcePosts()) {
    const page = await htmlPage(`posts/${post.slug}/index.html`);
    for (const img of imagesOf(page).filter((i) => i.attribs.class?.includes("gatsby-resp-image-image"))) {
      found++;
      const where = `${page.relative}: ${img.attribs.src}`;
      assert.ok(img.attribs.alt, `${where} has no alt`);
      assert.equal(img.attribs.loading, "lazy", where);
      // gatsby-remark-images puts srcset and sizes on a <source> per format; the <img> is the fallback.
      const sources = img.parent.children.filter((c) => c.name === "source");
      for (const type of ["image/webp", "image/png"]) {
        const source = sources.find((c) => c.attribs.type === type);
        assert.ok(source && urlsOf(source.attribs.srcset).length >= 2, `${where} has no ${type} source with a srcset`);
        assert.ok(source.attribs.sizes, `${where}: the ${type} source has no sizes`);
      }
      const wrapper = find({ children: [img.parent.parent] }, (el) => el.attribs?.class?.includes("gatsby-resp-image-background-image"))[0];
      assert.match(wrapper?.attribs.style ?? "", /background-image: url\('data:image\/[a-z]+;base64,/, `${where} has no placeholder`);
    }
  }
  assert.ok(found >= 2, `expected Markdown images in at least two posts, found ${found}`);
});

test("image files live under /static/, which the deploy serves as immutable", async () => {
  for (const page of await htmlPages()) {
    for (const img of imagesOf(page)) {
      const src = srcOf(img) ?? "";
      if (src.startsWith("data:") || src.endsWith(".svg")) continue;
      assert.match(src, /^\/static\/[0-9a-f]{32}\/[0-9a-f]{5}\/[^/]+$/, `${page.relative}: ${src}`);
    }
  }
});
