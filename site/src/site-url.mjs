// The public origin of the site, used for the sitemap, the feed and canonical
// links. It comes from SITE_URL so each environment's build names its own domain.
export const DEFAULT_SITE_URL = "https://blog.example.com";

export function siteUrlFromEnvironment(value) {
  const raw = (value ?? "").trim() || DEFAULT_SITE_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SITE_URL "${raw}" is not an absolute URL: set it like https://blog.example.com`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`SITE_URL "${raw}" must use http or https: set it like https://blog.example.com`);
  }
  // Without a trailing slash, so `${siteUrl}${path}` joins cleanly.
  return url.origin + url.pathname.replace(/\/+$/, "");
}
