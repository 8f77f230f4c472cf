// Attributes AWS assigns when a resource is created (or a data source is
// read), derived deterministically in AWS's formats from the arguments, the
// account and the region of the provider the block uses. Identifiers AWS
// would make up (key ids, API ids) are derived from a hash of the account,
// region, unit and address, so two renders agree. Whatever is not listed
// here is Unknown (see values.mjs).
import { createHash } from 'node:crypto';

const digest = (text) => createHash('sha256').update(text).digest('hex');

/** A UUID v4-shaped id from a hash (KMS key ids, managed policy ids). */
export function uuidFrom(text) {
  const h = digest(text);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A lower-case alphanumeric id of `length` characters from a hash (API Gateway ids). */
export function shortIdFrom(text, length, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789') {
  const bytes = createHash('sha256').update(text).digest();
  let id = '';
  for (let i = 0; i < length; i += 1) id += alphabet[bytes[i] % alphabet.length];
  return id;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Per resource type: attribute name → (r) => value, where r is
 * { arg(name), account, region, partition, seed, distributionId }.
 * arg() evaluates one of the block's own arguments.
 */
export const RESOURCE_ATTRIBUTES = {
  aws_iam_role: {
    id: (r) => r.arg('name'),
    name: (r) => r.arg('name'),
    arn: (r) => `arn:${r.partition}:iam::${r.account}:role${r.arg('path') ?? '/'}${r.arg('name')}`,
  },
  aws_iam_role_policy: {
    id: (r) => `${r.arg('role')}:${r.arg('name')}`,
  },
  aws_kms_key: {
    key_id: (r) => uuidFrom(r.seed),
    id: (r) => uuidFrom(r.seed),
    arn: (r) => `arn:${r.partition}:kms:${r.region}:${r.account}:key/${uuidFrom(r.seed)}`,
  },
  aws_kms_alias: {
    id: (r) => r.arg('name'),
    arn: (r) => `arn:${r.partition}:kms:${r.region}:${r.account}:${r.arg('name')}`,
  },
  aws_s3_bucket: {
    id: (r) => r.arg('bucket'),
    arn: (r) => `arn:${r.partition}:s3:::${r.arg('bucket')}`,
    bucket_domain_name: (r) => `${r.arg('bucket')}.s3.amazonaws.com`,
    bucket_regional_domain_name: (r) => `${r.arg('bucket')}.s3.${r.region}.amazonaws.com`,
    region: (r) => r.region,
  },
  aws_s3_bucket_policy: { id: (r) => r.arg('bucket') },
  aws_cloudfront_distribution: {
    id: (r) => r.distributionId(),
    arn: (r) => `arn:${r.partition}:cloudfront::${r.account}:distribution/${r.distributionId()}`,
    domain_name: (r) => `${r.distributionId().toLowerCase()}.cloudfront.net`,
  },
  aws_cloudfront_function: {
    id: (r) => r.arg('name'),
    arn: (r) => `arn:${r.partition}:cloudfront::${r.account}:function/${r.arg('name')}`,
  },
  // The provider's id is the store's name; AWS names the store by a UUID in its ARN.
  aws_cloudfront_key_value_store: {
    id: (r) => r.arg('name'),
    arn: (r) => `arn:${r.partition}:cloudfront::${r.account}:key-value-store/${uuidFrom(r.seed)}`,
  },
  aws_cloudfront_origin_access_control: { id: (r) => `E${shortIdFrom(r.seed, 13, UPPER)}` },
  aws_cloudfront_response_headers_policy: { id: (r) => uuidFrom(r.seed) },
  aws_cloudwatch_log_group: {
    id: (r) => r.arg('name'),
    arn: (r) => `arn:${r.partition}:logs:${r.region}:${r.account}:log-group:${r.arg('name')}`,
  },
  aws_cloudwatch_event_rule: {
    id: (r) => r.arg('name'),
    arn: (r) => `arn:${r.partition}:events:${r.region}:${r.account}:rule/${r.arg('name')}`,
  },
  aws_codebuild_project: {
    id: (r) => `arn:${r.partition}:codebuild:${r.region}:${r.account}:project/${r.arg('name')}`,
    arn: (r) => `arn:${r.partition}:codebuild:${r.region}:${r.account}:project/${r.arg('name')}`,
  },
  aws_codepipeline: {
    id: (r) => r.arg('name'),
    arn: (r) => `arn:${r.partition}:codepipeline:${r.region}:${r.account}:${r.arg('name')}`,
  },
  // The organisation (management account) and its service control policies: ids AWS makes up, from the hash.
  aws_organizations_organization: {
    id: (r) => `o-${shortIdFrom(r.seed, 10)}`,
    arn: (r) => `arn:${r.partition}:organizations::${r.account}:organization/o-${shortIdFrom(r.seed, 10)}`,
    master_account_id: (r) => r.account,
    roots: (r) => [{ id: `r-${shortIdFrom(`${r.seed}/root`, 4)}`, name: 'Root', arn: `arn:${r.partition}:organizations::${r.account}:root/o-${shortIdFrom(r.seed, 10)}/r-${shortIdFrom(`${r.seed}/root`, 4)}` }],
  },
  aws_cloudtrail: {
    id: (r) => r.arg('name'),
    arn: (r) => `arn:${r.partition}:cloudtrail:${r.region}:${r.account}:trail/${r.arg('name')}`,
  },
  aws_organizations_policy: {
    id: (r) => `p-${shortIdFrom(r.seed, 8)}`,
    arn: (r) => `arn:${r.partition}:organizations::${r.account}:policy/service_control_policy/p-${shortIdFrom(r.seed, 8)}`,
  },
  // A connection to GitHub, GitLab or Bitbucket (pending until a person completes the handshake).
  aws_codestarconnections_connection: {
    id: (r) => `arn:${r.partition}:codestar-connections:${r.region}:${r.account}:connection/${uuidFrom(r.seed)}`,
    arn: (r) => `arn:${r.partition}:codestar-connections:${r.region}:${r.account}:connection/${uuidFrom(r.seed)}`,
    name: (r) => r.arg('name'),
  },
  aws_codecommit_repository: {
    id: (r) => r.arg('repository_name'),
    arn: (r) => `arn:${r.partition}:codecommit:${r.region}:${r.account}:${r.arg('repository_name')}`,
    clone_url_http: (r) => `https://git-codecommit.${r.region}.amazonaws.com/v1/repos/${r.arg('repository_name')}`,
  },
  aws_lambda_function: {
    id: (r) => r.arg('function_name'),
    arn: (r) => `arn:${r.partition}:lambda:${r.region}:${r.account}:function:${r.arg('function_name')}`,
    version: () => '1',
    qualified_arn: (r) => `arn:${r.partition}:lambda:${r.region}:${r.account}:function:${r.arg('function_name')}:1`,
    invoke_arn: (r) => `arn:${r.partition}:apigateway:${r.region}:lambda:path/2015-03-31/functions/arn:${r.partition}:lambda:${r.region}:${r.account}:function:${r.arg('function_name')}/invocations`,
  },
  aws_lambda_alias: {
    arn: (r) => `${functionArn(r)}:${r.arg('name')}`,
    id: (r) => `${functionArn(r)}:${r.arg('name')}`,
    invoke_arn: (r) => `arn:${r.partition}:apigateway:${r.region}:lambda:path/2015-03-31/functions/${functionArn(r)}:${r.arg('name')}/invocations`,
  },
  aws_lambda_permission: { id: (r) => r.arg('statement_id') },
  aws_apigatewayv2_api: {
    id: (r) => shortIdFrom(r.seed, 10),
    arn: (r) => `arn:${r.partition}:apigateway:${r.region}::/apis/${shortIdFrom(r.seed, 10)}`,
    execution_arn: (r) => `arn:${r.partition}:execute-api:${r.region}:${r.account}:${shortIdFrom(r.seed, 10)}`,
    api_endpoint: (r) => `https://${shortIdFrom(r.seed, 10)}.execute-api.${r.region}.amazonaws.com`,
  },
  aws_apigatewayv2_integration: { id: (r) => shortIdFrom(r.seed, 7) },
  aws_apigatewayv2_route: { id: (r) => shortIdFrom(r.seed, 7) },
  aws_apigatewayv2_stage: { id: (r) => r.arg('name') },
  aws_sesv2_email_identity: {
    id: (r) => r.arg('email_identity'),
    arn: (r) => `arn:${r.partition}:ses:${r.region}:${r.account}:identity/${r.arg('email_identity')}`,
  },
  aws_ses_receipt_rule_set: {
    id: (r) => r.arg('rule_set_name'),
    arn: (r) => `arn:${r.partition}:ses:${r.region}:${r.account}:receipt-rule-set/${r.arg('rule_set_name')}`,
  },
  aws_ses_receipt_rule: {
    id: (r) => r.arg('name'),
    arn: (r) => `arn:${r.partition}:ses:${r.region}:${r.account}:receipt-rule-set/${r.arg('rule_set_name')}:receipt-rule/${r.arg('name')}`,
  },
  aws_dynamodb_table: {
    id: (r) => r.arg('name'),
    arn: (r) => `arn:${r.partition}:dynamodb:${r.region}:${r.account}:table/${r.arg('name')}`,
  },
};

/** The alias's function as an ARN: function_name may be a name or an ARN. */
function functionArn(r) {
  const name = r.arg('function_name');
  return name.startsWith('arn:') ? name : `arn:${r.partition}:lambda:${r.region}:${r.account}:function:${name}`;
}

/** Data sources: attribute name → (r) => value (r as above; arg() reads the block's arguments). */
export const DATA_ATTRIBUTES = {
  aws_partition: {
    partition: (r) => r.partition,
    id: (r) => r.partition,
    dns_suffix: () => 'amazonaws.com',
  },
  aws_caller_identity: {
    account_id: (r) => r.account,
    id: (r) => r.account,
  },
  aws_region: {
    name: (r) => r.region,
    region: (r) => r.region,
    id: (r) => r.region,
    endpoint: (r) => `ec2.${r.region}.amazonaws.com`,
  },
  aws_codecommit_repository: {
    id: (r) => r.arg('repository_name'),
    arn: (r) => `arn:${r.partition}:codecommit:${r.region}:${r.account}:${r.arg('repository_name')}`,
    clone_url_http: (r) => `https://git-codecommit.${r.region}.amazonaws.com/v1/repos/${r.arg('repository_name')}`,
  },
  // AWS-managed policies: a stable stand-in id per name.
  aws_cloudfront_cache_policy: { id: (r) => uuidFrom(`cache-policy/${r.arg('name')}`) },
  aws_cloudfront_origin_request_policy: { id: (r) => uuidFrom(`origin-request-policy/${r.arg('name')}`) },
  archive_file: {
    output_path: (r) => r.arg('output_path'),
    output_base64sha256: (r) => Buffer.from(digest(`${r.seed}/archive`), 'hex').toString('base64'),
    output_sha: (r) => digest(`${r.seed}/archive`).slice(0, 40),
  },
};
