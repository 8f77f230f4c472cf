// The site is served with `script-src 'self'` (infra/modules/static-site): no page may carry
// script the browser would have to run inline. Gatsby's own inline scripts are moved into files
// by src/external-scripts.mjs; these tests check that function and the built pages.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { externalizeInlineScripts, isExecutable } from "../src/external-scripts.mjs";
import { PUBLIC_DIR, byTag, find, htmlPages, readPublic, requireBuiltSite } from "../testing/built-site.mjs";

describe("externalizeInlineScripts", () => {
  const page = [
    `<html><head><script type="application/ld+json">{"@type":"Blog"}</script></head><body>`,
    `<script id="loader">/*<![CDATA[*/window.pagePath="/a/";/*]]>*/</script>`,
    `<script\n  id="map"\n>\n  window.___chunkMapping="{}";\n</script>`,
    `<script src="/app-0123456789abcdef0123.js" async></script></body></html>`,
  ].join("");

  test("replaces each inline executable script, in place and in order, by a blocking script named by its content", () => {
    const { html, scripts } = externalizeInlineScripts(page);
    assert.equal(scripts.length, 2);
    for (const { name, content } of scripts) {
      assert.equal(name, `script-${createHash("sha256").update(content).digest("hex").slice(0, 20)}.js`);
    }
    assert.equal(scripts[0].content, `/*<![CDATA[*/window.pagePath="/a/";/*]]>*/`);
    const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0].replace(/\s+/g, " "));
    assert.deepEqual(tags, [
      `<script type="application/ld+json">`,
      `<script id="loader" src="/${scripts[0].name}">`,
      `<script id="map" src="/${scripts[1].name}">`,
      `<script src="/app-0123456789abcdef0123.js" async>`,
    ]);
  });

  test("leaves a rewritten page as it is, and the same input gives the same output", () => {
    const once = externalizeInlineScripts(page);
    assert.deepEqual(externalizeInlineScripts(page), once);
    assert.deepEqual(externalizeInlineScripts(once.html), { html: once.html, scripts: [] });
  });

  test("knows which script types run", () => {
    assert.ok(isExecutable(""));
    assert.ok(isExecutable(` type="module"`));
    assert.ok(isExecutable(` type='text/javascript'`));
    assert.ok(!isExecutable(` type="application/json"`));
  });
});

describe("built pages", () => {
  requireBuiltSite();

  test("carry no inline script, event handler attribute or javascript: URL", async () => {
    const offenders = [];
    for (const page of await htmlPages()) {
      for (const script of find(page.doc, byTag("script"))) {
        const inline = !script.attribs.src && isExecutable(script.attribs.type ? ` type="${script.attribs.type}"` : "");
        if (inline && script.children.some((c) => c.data?.trim())) offenders.push(`${page.relative}: inline <script${script.attribs.id ? ` id="${script.attribs.id}"` : ""}>`);
      }
      for (const element of find(page.doc, (el) => el.type === "tag")) {
        for (const [name, value] of Object.entries(element.attribs)) {
          if (/^on/i.test(name)) offenders.push(`${page.relative}: <${element.name} ${name}>`);
          if (/^\s*javascript:/i.test(value)) offenders.push(`${page.relative}: <${element.name} ${name}="javascript:…">`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });

  test("load Gatsby's page scripts from files that exist, are named by their content, and run before the bundles", async () => {
    for (const page of await htmlPages()) {
      const sources = find(page.doc, byTag("script")).map((s) => ({ src: s.attribs.src, async: "async" in s.attribs }));
      const own = sources.filter((s) => /^\/script-[0-9a-f]{20}\.js$/.test(s.src ?? ""));
      assert.ok(own.length >= 2, `${page.relative} loads ${own.length} page scripts; Gatsby needs window.pagePath and the chunk mapping`);
      for (const { src, async } of own) {
        assert.ok(existsSync(path.join(PUBLIC_DIR, src)), `${page.relative} needs ${src}, which is missing`);
        assert.equal(async, false, `${page.relative}: ${src} must run in document order`);
        const content = await readPublic(src.slice(1));
        assert.equal(src, `/script-${createHash("sha256").update(content).digest("hex").slice(0, 20)}.js`);
      }
      const lastOwn = sources.findLastIndex((s) => own.includes(s));
      const firstBundle = sources.findIndex((s) => s.async);
      assert.ok(firstBundle < 0 || lastOwn < firstBundle, `${page.relative}: a page script comes after an async bundle`);
    }
  });
});
