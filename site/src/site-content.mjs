// Where the posts come from: site/content/posts, or the posts/ of the folder SITE_CONTENT names (laid out as
// site/content: posts/*.md beside their images), so the same site code builds a generated blog for
// benchmarks (site/scripts/generate-blog.mjs) without a copy of the site.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DEFAULT_CONTENT = fileURLToPath(new URL("../content/", import.meta.url));

/** The absolute posts folder; a SITE_CONTENT without posts/ is refused in one line that names the fix. */
export function postsFolder(environment = process.env) {
  const content = environment.SITE_CONTENT ? path.resolve(environment.SITE_CONTENT) : DEFAULT_CONTENT;
  const posts = path.join(content, "posts");
  if (!existsSync(posts)) {
    throw new Error(`SITE_CONTENT=${environment.SITE_CONTENT}: ${content} has no posts/ folder; fix: name a folder laid out as site/content (posts/*.md)`);
  }
  return posts;
}
