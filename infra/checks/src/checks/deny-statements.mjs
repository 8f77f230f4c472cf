// Every bucket has its public access blocked and a policy denying requests
// without TLS. A bucket encrypted by default with a customer-managed key also
// denies uploads that do not ask for SSE-KMS, and uploads naming another key,
// and uses the bucket key.
//
// Buckets are read where they are written (normally only in private-bucket),
// and again for every call of a module that writes buckets, with the call's
// arguments in place of the variables: a call that passes a key without the
// bucket key is reported at the call. A problem of the module itself is
// reported once, in the module.
import { finding } from '../finding.mjs';
import { blocks, isExpression, localsOf, references, referencesThroughLocals, resources, segments } from '../hcl-values.mjs';
import { allCalls, instantiate } from '../module-calls.mjs';
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

/** Resources of one type by the bucket they configure ("bucket = local.bucket.id" is followed through locals). */
async function byBucket(list, bucketNames, locals) {
  const result = new Map();
  for (const item of list) {
    for (const ref of await referencesThroughLocals(item.body.bucket, locals)) {
      const [type, bucket] = segments(ref);
      if (type === 'aws_s3_bucket' && bucketNames.has(bucket) && !result.has(bucket)) result.set(bucket, item);
    }
  }
  return result;
}

/**
 * The buckets of a set of files, grouped: buckets configured by the same
 * resources (private-bucket's aws_s3_bucket.this and .protected, of which a
 * call creates one) are one bucket here.
 */
async function bucketGroups(files) {
  const all = resources(files);
  const locals = localsOf(files);
  const buckets = all.filter((r) => r.type === 'aws_s3_bucket');
  const names = new Set(buckets.map((b) => b.name));
  const of = (type) => byBucket(all.filter((r) => r.type === type), names, locals);
  const [policies, publicAccess, encryption] = await Promise.all([of('aws_s3_bucket_policy'), of('aws_s3_bucket_public_access_block'), of('aws_s3_bucket_server_side_encryption_configuration')]);

  const groups = new Map();
  for (const bucket of buckets) {
    const parts = [policies, publicAccess, encryption].map((map) => map.get(bucket.name)?.name);
    const key = parts.every((part) => part === undefined) ? `bucket ${bucket.name}` : parts.join('\0');
    if (!groups.has(key)) groups.set(key, { buckets: [], file: bucket.file, policy: policies.get(bucket.name), publicAccess: publicAccess.get(bucket.name), encryption: encryption.get(bucket.name) });
    groups.get(key).buckets.push(bucket.name);
  }
  return [...groups.values()].map((group) => ({ ...group, label: group.buckets.map((b) => `aws_s3_bucket.${b}`).join(' / ') }));
}

/** What a bucket lacks: [{ rule, message }]. */
async function problems(group, documents) {
  const found = [];
  const report = (rule, message) => found.push({ rule, message });

  const open = PUBLIC_ACCESS_SETTINGS.filter((setting) => group.publicAccess?.body[setting] !== true);
  if (!group.publicAccess) report('public-access', 'has no aws_s3_bucket_public_access_block');
  else if (open.length > 0) report('public-access', `public access block leaves ${open.join(', ')} off`);

  const refs = group.policy ? await references(group.policy.body.policy) : [];
  const document = documents.get(refs.find((r) => r.startsWith('data.aws_iam_policy_document.'))?.split('.')[2]);
  if (!group.policy || !document) {
    report('policy', 'has no bucket policy from an aws_iam_policy_document (it needs at least the deny of non-TLS requests)');
    return found;
  }
  if (document.overrides !== undefined) {
    report('override', `bucket policy data.aws_iam_policy_document.${document.name} has override_policy_documents, which replace statements by sid, denies included; use source_policy_documents`);
  }
  const statements = document.statements;
  if (!statements.some(isInsecureTransportDeny)) {
    report('tls', 'bucket policy lacks the deny of non-TLS requests (Deny s3:* when aws:SecureTransport is false)');
  }

  const rule = blocks(group.encryption?.body, 'rule')[0];
  const byDefault = blocks(rule, 'apply_server_side_encryption_by_default')[0];
  const keyExpression = byDefault?.kms_master_key_id;
  // An algorithm from a variable may be aws:kms: a key given there needs the denies.
  const kms = byDefault?.sse_algorithm === 'aws:kms' || isExpression(byDefault?.sse_algorithm);
  if (kms && keyExpression) {
    if (!statements.some(isUnencryptedUploadDeny)) {
      report('unencrypted-upload', 'bucket policy lacks the deny of uploads without SSE-KMS (Deny s3:PutObject when s3:x-amz-server-side-encryption is not aws:kms)');
    }
    if (!statements.some(isWrongKeyDeny(keyExpression))) {
      report('wrong-key', `bucket policy lacks the deny of uploads naming another key (Deny s3:PutObject when s3:x-amz-server-side-encryption-aws-kms-key-id is not ${keyExpression})`);
    }
    // A module may take the setting from its caller; each call is checked with its value.
    if (rule?.bucket_key_enabled !== true && !isExpression(rule?.bucket_key_enabled)) {
      report('bucket-key', 'SSE-KMS default encryption should enable the bucket key (bucket_key_enabled = true)');
    }
  }
  return found;
}

async function bucketProblems(files) {
  const documents = new Map(policyDocuments(files).map((d) => [d.name, d]));
  const result = [];
  for (const group of await bucketGroups(files)) {
    for (const problem of await problems(group, documents)) result.push({ group, ...problem });
  }
  return result;
}

export async function run(tree) {
  const found = [];
  const own = new Map();
  for (const module of tree.modules.values()) {
    const list = await bucketProblems(module.files.filter((f) => f.body));
    own.set(module.name, new Set(list.map((p) => `${p.group.label}\0${p.rule}`)));
    for (const { group, message } of list) found.push(finding(name, group.file, group.label, message));
  }

  for (const call of await allCalls(tree)) {
    if (!call.target.files.some((f) => f.body?.resource?.aws_s3_bucket)) continue;
    for (const { group, rule, message } of await bucketProblems(instantiate(call))) {
      if (own.get(call.target.name).has(`${group.label}\0${rule}`)) continue;
      found.push(finding(name, call.file, `${call.where === 'inputs' ? `module "${call.target.name}"` : call.where} ${group.label}`, `with this call's arguments: ${message}`));
    }
  }
  return found;
}
