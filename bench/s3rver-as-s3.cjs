// Preloaded (node --require) into s3rver 3.7.1 to make it answer two things as S3 does; bench/run.sh sets
// S3RVER_LIB to s3rver's lib/ folder. Without them the benchmark would measure s3rver's quirks, not the tools:
//  1. Listing order. s3rver walks its folders in name order, so "404/index.html" comes before "404.html" and
//     "app.js.map" before "app.js"; S3 lists keys in UTF-8 byte order. `aws s3 sync` merges the listing with its
//     sorted local walk and, when the orders disagree, deletes and re-uploads such keys on every sync (in parallel,
//     so a key can end up deleted), and pages that start after such a key can skip or repeat keys.
//  2. ETags of multipart uploads. s3rver gives the object the plain MD5 of all its bytes; S3 gives it
//     md5(concatenated binary MD5s of the parts)-<part count>, which is what the large-file scenario is about.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const lib = process.env.S3RVER_LIB;
// The walk must be replaced before the store module loads: it takes its own reference to it.
const utils = require(path.join(lib, 'utils.js'));
const storedAs = /\._S3rver_[^/]*$/; // "<name>._S3rver_object", "…_metadata.json", "…_object.md5"
utils.walk = function* walk(dir, recurseFilter) {
  // A file sorts by the key name it stores, a folder by "<name>/", the start of every key inside it.
  // Entry types come with the directory read (no stat per entry): at 50,000 objects a listing page would otherwise
  // stat every entry of every folder it walks.
  const entries = fs.readdirSync(dir, { withFileTypes: true }).map(entry => {
    const filePath = path.posix.join(dir, entry.name);
    const isDirectory = entry.isDirectory();
    return { filePath, isDirectory, order: Buffer.from(isDirectory ? `${entry.name}/` : entry.name.replace(storedAs, '')) };
  });
  entries.sort((a, b) => Buffer.compare(a.order, b.order));
  for (const { filePath, isDirectory } of entries) {
    if (!isDirectory) yield filePath;
    else if (!recurseFilter || recurseFilter(filePath)) yield* walk(filePath, recurseFilter);
  }
};

const FilesystemStore = require(path.join(lib, 'stores', 'filesystem.js'));
const complete = FilesystemStore.prototype.putObjectMultipart;
FilesystemStore.prototype.putObjectMultipart = async function putObjectMultipart(bucket, uploadId, parts) {
  const uploadDir = path.join(this.getResourcePath(bucket, undefined, 'uploads'), uploadId);
  const key = await fs.promises.readFile(path.join(uploadDir, 'key'), 'utf8');
  // the parts as stored, in part order, read before s3rver assembles the object and removes them
  const ordered = [...parts].sort((a, b) => a.number - b.number);
  const digests = [];
  for (const part of ordered) {
    const bytes = await fs.promises.readFile(path.join(uploadDir, String(part.number)));
    digests.push(crypto.createHash('md5').update(bytes).digest());
  }
  const result = await complete.call(this, bucket, uploadId, parts);
  const etag = `${crypto.createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${ordered.length}`;
  await fs.promises.writeFile(this.getResourcePath(bucket, key, 'object.md5'), etag);
  return { ...result, md5: etag };
};
