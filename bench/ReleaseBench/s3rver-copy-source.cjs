// Preloaded into s3rver 3.7.1 by bench/releases.sh for its prefix-copy layout: s3rver reads x-amz-copy-source with
// decodeURI, which leaves the %2F the .NET SDK sends for "/" encoded, so every CopyObject would fail with NoSuchBucket.
// S3 decodes the whole value; so does this.
const path = require('node:path');
const object = require(path.join(process.env.S3RVER_LIB, 'controllers/object.js'));
const copy = object.putObjectCopy;
object.putObjectCopy = ctx => {
  ctx.headers['x-amz-copy-source'] = decodeURIComponent(ctx.headers['x-amz-copy-source']);
  return copy(ctx);
};
