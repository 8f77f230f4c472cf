// What an S3 request is authorized as, as S3 does it: the IAM action of the operation on the
// bucket or object ARN with S3's condition keys, the source object of a copy, every key of a
// multi-object delete, and the KMS calls S3 makes on the caller's behalf for SSE-KMS objects
// (kms:GenerateDataKey to start a write, kms:Decrypt to read and to add parts to an upload, with
// kms:ViaService). An UploadPart carries no SSE headers, so its s3:PutObject has no SSE condition
// keys — what makes a plain "deny unless the header says aws:kms" refuse every multipart upload
// in AWS. The decision itself
// is the IAM evaluation's (iam/authorizer.mjs); nothing here allows or refuses on its own.
import { parseXml } from '../../xml.mjs';
import { iamAction } from './operations.mjs';

const OBJECT_ENCRYPTING = new Set(['PutObject', 'CopyObject', 'CreateMultipartUpload']);
const SSE_CONDITION_KEYS = {
  'x-amz-server-side-encryption': 's3:x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id': 's3:x-amz-server-side-encryption-aws-kms-key-id',
};

const objectArn = (bucket, key) => `arn:aws:s3:::${bucket}/${key}`;

/** S3's condition keys of a request, from its headers and query. */
function conditionKeys(operation, headers, query) {
  const context = {};
  if (OBJECT_ENCRYPTING.has(operation.name)) {
    for (const [header, key] of Object.entries(SSE_CONDITION_KEYS)) if (headers[header] !== undefined) context[key] = headers[header];
  }
  if (operation.name.startsWith('ListObjects')) {
    for (const name of ['prefix', 'delimiter', 'max-keys']) if (query[name] !== undefined) context[`s3:${name}`] = String(query[name]);
  }
  return context;
}

/** The KMS key an SSE-KMS write uses: the one the request names (ARN, alias or id), else the bucket's default. */
function writeKey({ policies, bucketInfo, headers }) {
  const sse = headers['x-amz-server-side-encryption'] ?? bucketInfo?.encryption?.algorithm;
  if (sse !== 'aws:kms') return undefined;
  const named = headers['x-amz-server-side-encryption-aws-kms-key-id'];
  if (!named) return bucketInfo?.encryption?.kmsKeyArn ?? undefined;
  return resolveKeyArn(policies, named, bucketInfo);
}

function resolveKeyArn(policies, named, bucketInfo) {
  const keys = policies.model.keys;
  const byArn = keys.find(k => k.arn === named);
  if (byArn) return byArn.arn;
  const alias = /^arn:aws[\w-]*:kms:[^:]+:\d{12}:(alias\/.+)$/.exec(named)?.[1] ?? (named.startsWith('alias/') ? named : undefined);
  const here = k => !bucketInfo || (k.region === bucketInfo.region && k.account === bucketInfo.account);
  const found = alias ? keys.find(k => here(k) && k.aliases.includes(alias)) : keys.find(k => here(k) && k.keyId === named);
  // A key the model does not know is still a resource; its (absent) policy then refuses.
  return found?.arn ?? named;
}

/**
 * Authorizes one S3 request (throws AccessDenied).
 * @param {{ authorizer: import('../../iam/authorizer.mjs').Authorizer, principal: object, operation: {name:string},
 *   bucket: string, key: string, request: object, region: string, storedSse?: object }} args
 *   storedSse: the object's (GetObject) or the multipart upload's (UploadPart) recorded SSE headers.
 */
export async function authorizeS3({ authorizer, principal, operation, bucket, key, request, region, storedSse }) {
  const policies = authorizer.policies;
  const bucketInfo = bucket ? policies.bucket(bucket) : undefined;
  const ask = (action, resource, context = {}) => authorizer.authorize({ principal, action, resource, context, region, protocol: 's3', operation: `s3 ${operation.name}` });
  const kms = (action, keyArn) => {
    const keyRegion = keyArn.split(':')[3] || region;
    return authorizer.authorize({
      principal, action, resource: keyArn, region: keyRegion, protocol: 's3', operation: `s3 ${operation.name} (SSE-KMS)`,
      context: {
        'kms:ViaService': `s3.${keyRegion}.amazonaws.com`,
        'kms:CallerAccount': principal.account,
        'kms:EncryptionContext:aws:s3:arn': bucketInfo?.arn ?? `arn:aws:s3:::${bucket}`,
      },
    });
  };

  if (!bucket) return ask(iamAction(operation.name), '*');
  if (operation.name === 'DeleteObjects') {
    const doc = parseXml(request.body.toString('utf8'));
    const keys = [].concat(doc?.Delete?.Object ?? []).map(o => String(o?.Key ?? ''));
    for (const k of keys) await ask('s3:DeleteObject', objectArn(bucket, k));
    return undefined;
  }
  const resource = key ? objectArn(bucket, key) : `arn:aws:s3:::${bucket}`;
  await ask(iamAction(operation.name), resource, conditionKeys(operation, request.headers, request.query));

  if (operation.name === 'CopyObject' || operation.name === 'UploadPartCopy') {
    const source = decodeURIComponent(String(request.headers['x-amz-copy-source']).replace(/\?.*$/, '')).replace(/^\//, '');
    await ask('s3:GetObject', `arn:aws:s3:::${source}`);
  }
  if (['PutObject', 'CopyObject', 'CreateMultipartUpload'].includes(operation.name)) {
    const keyArn = writeKey({ policies, bucketInfo, headers: request.headers });
    if (keyArn) await kms('kms:GenerateDataKey', keyArn);
  }
  // Reading an SSE-KMS object, and adding a part to an SSE-KMS upload, decrypt with the caller's rights.
  if (['GetObject', 'UploadPart', 'UploadPartCopy'].includes(operation.name) && storedSse?.['x-amz-server-side-encryption'] === 'aws:kms') {
    await kms('kms:Decrypt', resolveKeyArn(policies, storedSse['x-amz-server-side-encryption-aws-kms-key-id'], bucketInfo));
  }
  return undefined;
}
