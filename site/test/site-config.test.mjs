import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEFAULT_SITE_URL, siteUrlFromEnvironment } from "../src/site-url.mjs";
import { postSlug } from "../src/post-slug.mjs";

describe("siteUrlFromEnvironment", () => {
  test("defaults when SITE_URL is unset or blank", () => {
    assert.equal(siteUrlFromEnvironment(undefined), DEFAULT_SITE_URL);
    assert.equal(siteUrlFromEnvironment("  "), DEFAULT_SITE_URL);
  });
  test("drops trailing slashes so paths join cleanly", () => {
    assert.equal(siteUrlFromEnvironment("https://dev.blog.example.com/"), "https://dev.blog.example.com");
    assert.equal(siteUrlFromEnvironment("http://127.0.0.1:8080//"), "http://127.0.0.1:8080");
  });
  test("rejects a value that is not an absolute http(s) URL, naming the fix", () => {
    assert.throws(() => siteUrlFromEnvironment("blog.example.com"), /SITE_URL "blog.example.com" is not an absolute URL/);
    assert.throws(() => siteUrlFromEnvironment("ftp://blog.example.com"), /must use http or https/);
  });
});

describe("postSlug", () => {
  test("turns a file name into a /posts/<name>/ path", () => {
    assert.equal(postSlug("safe-site-sync"), "/posts/safe-site-sync/");
    assert.equal(postSlug("codesha256-function-updates"), "/posts/codesha256-function-updates/");
  });
  test("rejects names that would make awkward or unsafe URLs", () => {
    for (const name of ["Safe Site", "safe_site", "-safe", "safe-", "safe--sync", "../etc", ""]) {
      assert.throws(() => postSlug(name), /must be lower-case words joined by "-"/, name);
    }
  });
});
