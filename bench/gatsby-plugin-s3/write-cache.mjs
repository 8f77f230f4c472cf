// Writes the .cache/s3.*.json files that `gatsby-plugin-s3 deploy` reads, by calling the plugin's own onPostBuild
// (the hook that writes them at the end of `gatsby build`) with a site that has no redirects and no match paths,
// as ours has. Options are the plugin's defaults plus the bucket and the local endpoint.
// Usage: node write-cache.mjs <folder holding public/> <bucket> <endpoint URL> <region>
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const [directory, bucketName, endpoint, region] = process.argv.slice(2);
if (!region) {
  console.error('write-cache: usage: node write-cache.mjs <folder> <bucket> <endpoint URL> <region>');
  process.exit(2);
}
const { onPostBuild } = createRequire(import.meta.url)('gatsby-plugin-s3/gatsby-node.js');
mkdirSync(join(directory, '.cache'), { recursive: true });
const state = { redirects: [], pages: new Map(), program: { directory } };
onPostBuild({ store: { getState: () => state } }, { bucketName, region, customAwsEndpointHostname: endpoint, plugins: [] });
