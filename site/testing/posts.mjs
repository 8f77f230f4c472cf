// The posts as written in content/posts: the source the built site must match.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { SITE_DIR } from "./built-site.mjs";

const POSTS_DIR = path.join(SITE_DIR, "content", "posts");

export async function sourcePosts() {
  const names = (await readdir(POSTS_DIR)).filter((name) => name.endsWith(".md")).sort();
  return Promise.all(
    names.map(async (name) => {
      const frontMatter = parseFrontMatter(await readFile(path.join(POSTS_DIR, name), "utf8"), name);
      const slug = name.slice(0, -".md".length);
      return { slug, urlPath: `/posts/${slug}/`, ...frontMatter };
    }),
  );
}

// Enough YAML for our front matter: one `key: value` per line, value optionally quoted.
function parseFrontMatter(markdown, name) {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) throw new Error(`content/posts/${name} has no front matter`);
  const fields = {};
  for (const line of match[1].split("\n")) {
    const pair = /^(\w+):\s*(.*)$/.exec(line);
    if (pair) fields[pair[1]] = pair[2].replace(/^"(.*)"$/, "$1").replace(/\\"/g, '"');
  }
  return fields;
}
