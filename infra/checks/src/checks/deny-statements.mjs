// Every bucket has its public access blocked and a policy denying requests
// without TLS. A bucket encrypted by default with a customer-managed key also
// denies uploads that do not ask for SSE-KMS, and uploads naming another key.
import { finding } from '../finding.mjs';
import { blocks, referencedName, references, resources } from '../hcl-values.mjs';
import { policyDocuments } from '../policy-documents.mjs';

export const name = 'deny-statements';

const PUBLIC_ACCESS_SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

const includes = (list, item) => (Array.isArray(list) ? list : [list]).includes(item);

function denies(statement, actionsAny) {
  return statement.effect === 'Deny' && actionsAny.some((action) => includes(statement.actions, action));
}

function condition(statement, tests, variable) {
  return statement.conditions.find((c) => tests.includes(c.test) && c.variable?.toLowerCase() === variable.toLowerCase());
}

const isInsecureTransportDeny = (s) => {
  const c = condition(s, ['Bool'], 'aws:SecureTransport');
  return denies(s, ['s3:*']) && c && includes(c.values, 'false');
};

const isUnencryptedUploadDeny = (s) => {
  const c = condition(s, ['StringNotEquals', 'StringNotEqualsIfExists'], 's3:x-amz-server-side-encryption');
  return denies(s, ['s3:PutObject', 's3:*']) && c && includes(c.values, 'aws:kms');
};

const isWrongKeyDeny = (keyExpression) => (s) => {
  const c = condition(s, ['StringNotEquals', 'StringNotEqualsIfExists'], 's3:x-amz-server-side-encryption-aws-kms-key-id');
  return denies(s, ['s3:PutObject', 's3:*']) && c && includes(c.values, keyExpression);
};

async function byBucket(list, bucketNames) {
  const result = new Map();
  for (const item of list) {
    const bucket = await referencedName(item.body.bucket, 'aws_s3_bucket');
    if (bucket && bucketNames.has(bucket)) result.set(bucket, item);
  }
  return result;
}

export async function run(tree) {
  const found = [];
  for (const module of tree.modules.values()) {
    const files = module.files.filter((f) => f.body);
    const all = resources(files);
    const buckets = all.filter((r) => r.type === 'aws_s3_bucket');
    const names = new Set(buckets.map((b) => b.name));
    const policies = await byBucket(all.filter((r) => r.type === 'aws_s3_bucket_policy'), names);
    const blocksByBucket = await byBucket(all.filter((r) => r.type === 'aws_s3_bucket_public_access_block'), names);
    const encryption = await byBucket(all.filter((r) => r.type === 'aws_s3_bucket_server_side_encryption_configuration'), names);
    const documents = new Map(policyDocuments(files).map((d) => [d.name, d]));

    for (const bucket of buckets) {
      const where = `aws_s3_bucket.${bucket.name}`;
      const report = (message) => found.push(finding(name, bucket.file, where, message));

      const publicAccess = blocksByBucket.get(bucket.name);
      const open = PUBLIC_ACCESS_SETTINGS.filter((setting) => publicAccess?.body[setting] !== true);
      if (!publicAccess) report('has no aws_s3_bucket_public_access_block');
      else if (open.length > 0) report(`public access block leaves ${open.join(', ')} off`);

      const policy = policies.get(bucket.name);
      const refs = policy ? await references(policy.body.policy) : [];
      const document = documents.get(refs.find((r) => r.startsWith('data.aws_iam_policy_document.'))?.split('.')[2]);
      if (!policy || !document) {
        report('has no bucket policy from an aws_iam_policy_document (it needs at least the deny of non-TLS requests)');
        continue;
      }
      const statements = document.statements;
      if (!statements.some(isInsecureTransportDeny)) {
        report('bucket policy lacks the deny of non-TLS requests (Deny s3:* when aws:SecureTransport is false)');
      }

      const rule = blocks(encryption.get(bucket.name)?.body, 'rule')[0];
      const byDefault = blocks(rule, 'apply_server_side_encryption_by_default')[0];
      const keyExpression = byDefault?.kms_master_key_id;
      if (byDefault?.sse_algorithm === 'aws:kms' && keyExpression) {
        if (!statements.some(isUnencryptedUploadDeny)) {
          report('bucket policy lacks the deny of uploads without SSE-KMS (Deny s3:PutObject when s3:x-amz-server-side-encryption is not aws:kms)');
        }
        if (!statements.some(isWrongKeyDeny(keyExpression))) {
          report(`bucket policy lacks the deny of uploads naming another key (Deny s3:PutObject when s3:x-amz-server-side-encryption-aws-kms-key-id is not ${keyExpression})`);
        }
        if (rule?.bucket_key_enabled !== true) report('SSE-KMS default encryption should enable the bucket key (bucket_key_enabled = true)');
      }
    }
  }
  return found;
}
