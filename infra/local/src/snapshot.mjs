// What the local cloud holds, as one comparable value: every file of its S3 objects (content and
// metadata) with their SSE records, its functions (versions, aliases, code) and its CloudFront
// invalidations and key value stores, each by SHA-256. Sessions, logs and IAM decisions are left out:
// they record who asked, not what was written. Tests take one before and one after an input that
// must be refused, and compare.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const SNAPSHOT_PARTS = Object.freeze(['s3', 's3-sse/objects', 'lambda/functions.json', 'lambda/code', 'cloudfront', 'cloudfront-keyvaluestore']);

function* filesUnder(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path).sort()) yield* filesUnder(join(path, entry));
}

/** @returns {{ files: Record<string, string> }} path under the state dir → sha256 of its bytes, in path order */
export function snapshotOf(stateDir) {
  const files = {};
  for (const part of SNAPSHOT_PARTS) {
    for (const file of filesUnder(join(stateDir, part))) {
      files[relative(stateDir, file).split(sep).join('/')] = createHash('sha256').update(readFileSync(file)).digest('hex');
    }
  }
  return { files };
}
