// Which S3 operation a REST request is (method + path + query + a few headers).

const BUCKET_SUBRESOURCES = ['acl', 'cors', 'encryption', 'lifecycle', 'location', 'logging', 'notification', 'ownershipControls', 'policy', 'publicAccessBlock', 'replication', 'tagging', 'versioning', 'website', 'accelerate', 'requestPayment', 'object-lock', 'policyStatus', 'intelligent-tiering', 'inventory', 'metrics', 'analytics'];
const capitalize = s => s.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());

export function classify({ method, bucket, key, query, headers }) {
  const has = name => Object.hasOwn(query, name);
  const copy = headers['x-amz-copy-source'] !== undefined;
  if (!bucket) return { name: method === 'GET' ? 'ListBuckets' : 'Unknown', read: true };
  if (!key) {
    const sub = BUCKET_SUBRESOURCES.find(has);
    switch (method) {
      case 'GET':
        if (sub) return { name: `GetBucket${capitalize(sub)}`, read: true, bucketConfig: true };
        if (has('uploads')) return { name: 'ListMultipartUploads', read: true };
        if (has('versions')) return { name: 'ListObjectVersions', read: true };
        return { name: query['list-type'] === '2' ? 'ListObjectsV2' : 'ListObjects', read: true };
      case 'HEAD': return { name: 'HeadBucket', read: true };
      case 'PUT': return sub ? { name: `PutBucket${capitalize(sub)}`, bucketConfig: true } : { name: 'CreateBucket', bucketConfig: true };
      case 'DELETE': return sub ? { name: `DeleteBucket${capitalize(sub)}`, bucketConfig: true } : { name: 'DeleteBucket', bucketConfig: true };
      case 'POST': return has('delete') ? { name: 'DeleteObjects' } : { name: 'Unknown' };
      default: return { name: 'Unknown' };
    }
  }
  switch (method) {
    case 'GET':
      if (has('uploadId')) return { name: 'ListParts', read: true };
      if (has('tagging')) return { name: 'GetObjectTagging', read: true };
      if (has('acl')) return { name: 'GetObjectAcl', read: true };
      return { name: 'GetObject', read: true };
    case 'HEAD': return { name: 'HeadObject', read: true };
    case 'PUT':
      if (has('partNumber') && has('uploadId')) return { name: copy ? 'UploadPartCopy' : 'UploadPart' };
      if (has('tagging')) return { name: 'PutObjectTagging' };
      if (has('acl')) return { name: 'PutObjectAcl' };
      return { name: copy ? 'CopyObject' : 'PutObject', createsObject: true };
    case 'POST':
      if (has('uploads')) return { name: 'CreateMultipartUpload', createsObject: true };
      if (has('uploadId')) return { name: 'CompleteMultipartUpload' };
      return { name: has('restore') ? 'RestoreObject' : 'Unknown' };
    case 'DELETE': return { name: has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject' };
    default: return { name: 'Unknown' };
  }
}

/** The IAM action an operation is authorized as (what AccessDenied messages name). */
export function iamAction(operation) {
  const map = {
    ListObjectsV2: 's3:ListBucket', ListObjects: 's3:ListBucket', HeadBucket: 's3:ListBucket', ListObjectVersions: 's3:ListBucketVersions',
    ListMultipartUploads: 's3:ListBucketMultipartUploads', HeadObject: 's3:GetObject', CopyObject: 's3:PutObject',
    CreateMultipartUpload: 's3:PutObject', UploadPart: 's3:PutObject', UploadPartCopy: 's3:PutObject', CompleteMultipartUpload: 's3:PutObject',
    DeleteObjects: 's3:DeleteObject', ListParts: 's3:ListMultipartUploadParts', ListBuckets: 's3:ListAllMyBuckets',
    ListBucketsV2: 's3:ListAllMyBuckets',
  };
  return map[operation] ?? `s3:${operation}`;
}
