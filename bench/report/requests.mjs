// What a slice of s3rver's request log (bench/s3rver-request-log.cjs: "<METHOD> <url> <content-length>" per line)
// says a deploy did: requests by S3 operation and the bytes it uploaded. Every tool here sends path-style URLs
// (/bucket/key), so the operation follows from the method, whether there is a key, and the query.

/** The S3 operation of one request, by the names of the S3 API reference. */
export function operationOf(method, url) {
  const parsed = new URL(url, 'http://s3.local');
  const path = parsed.pathname.replace(/^\/+/, '');
  const slash = path.indexOf('/');
  const hasKey = slash !== -1 && slash < path.length - 1;
  const has = name => parsed.searchParams.has(name);
  if (!hasKey) {
    switch (method) {
      case 'GET':
        if (has('list-type')) return 'ListObjectsV2';
        if (has('location')) return 'GetBucketLocation';
        if (has('website')) return 'GetBucketWebsite';
        if (has('uploads')) return 'ListMultipartUploads';
        return 'ListObjects';
      case 'PUT': return has('website') ? 'PutBucketWebsite' : 'CreateBucket';
      case 'POST': return has('delete') ? 'DeleteObjects' : 'PostBucket';
      case 'DELETE': return has('website') ? 'DeleteBucketWebsite' : 'DeleteBucket';
      case 'HEAD': return 'HeadBucket';
      default: return `${method} bucket`;
    }
  }
  switch (method) {
    case 'GET': return 'GetObject';
    case 'HEAD': return 'HeadObject';
    case 'PUT': return has('partNumber') && has('uploadId') ? 'UploadPart' : 'PutObject';
    case 'POST':
      if (has('uploads')) return 'CreateMultipartUpload';
      if (has('uploadId')) return 'CompleteMultipartUpload';
      return 'PostObject';
    case 'DELETE': return has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
    default: return `${method} object`;
  }
}

const uploads = new Set(['PutObject', 'UploadPart']);

/** Counts by operation (sorted by name), their total, and the body bytes of PutObject and UploadPart requests. */
export function summarize(text) {
  const counts = {};
  let uploadedBytes = 0;
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [method, url, length] = line.split(' ');
    if (!url) throw new Error(`request log line "${line}" is not "<method> <url> <content-length>"; fix: log with bench/s3rver-request-log.cjs`);
    const operation = operationOf(method, url);
    counts[operation] = (counts[operation] ?? 0) + 1;
    total += 1;
    if (uploads.has(operation)) uploadedBytes += Number(length) || 0;
  }
  const requests = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  return { requests, requestCount: total, uploadedBytes };
}
