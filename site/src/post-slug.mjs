// A post's URL comes from its file name: content/posts/safe-site-sync.md → /posts/safe-site-sync/.
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function postSlug(fileName) {
  if (!SLUG.test(fileName)) {
    throw new Error(
      `post file name "${fileName}" must be lower-case words joined by "-" (like safe-site-sync.md): rename it`,
    );
  }
  return `/posts/${fileName}/`;
}
