// Runs before `gatsby build` (npm run build): starts from nothing when an input Gatsby's own cache
// does not watch has changed since the last build. See src/build-cache.mjs.
import { fileURLToPath } from "node:url";
import { forgetCacheOnNewInputs, forgetCompilerCaches } from "../src/build-cache.mjs";
import { postsFolder } from "../src/site-content.mjs";

const siteDir = fileURLToPath(new URL("../", import.meta.url));
try {
  postsFolder();
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const forgot = await forgetCacheOnNewInputs(siteDir);
await forgetCompilerCaches(siteDir);
console.log(forgot ? "build cache: inputs changed (or no cache yet), building from nothing" : "build cache: kept, building incrementally");
