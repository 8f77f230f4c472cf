// One IAM decision, made by AWS's evaluation logic as @cloud-copilot/iam-simulate implements it:
// explicit denies, identity and resource policies, cross-account (both must allow), KMS key
// policies (authoritative; the account root delegates to IAM), conditions. The local cloud never
// decides access by rules of its own; it only builds the request and reads the answer.
import { getDenialReasons, getGrantReasons, runSimulation } from '@cloud-copilot/iam-simulate';

/**
 * @typedef {{ principal: string, roleArn?: string, action: string, resource: string, resourceAccount: string,
 *   context: Record<string, string|string[]> }} IamRequest
 *   principal: a session ARN (arn:aws:sts::…:assumed-role/<role>/<session>) or a service principal (cloudfront.amazonaws.com).
 */

/**
 * Evaluates a request against a PolicySet.
 * @returns {Promise<{ allowed: boolean, result: string, grants: string[], denials: object[] }>} grants: ids of the
 *   statements that allowed it ("<policy id>#<index>"), the ones the proof takes away one by one.
 */
export async function evaluate(policies, request) {
  const resourcePolicy = policies.resourcePolicy(request.resource);
  const { context, rename } = encryptionContextAsSimulated(request.context);
  const simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: context,
    },
    identityPolicies: (request.roleArn ? policies.identityPolicies(request.roleArn) : []).map(p => ({ ...p, policy: rename(p.policy) })),
    // SCPs bind the principal's account (a role session's), never a service principal.
    serviceControlPolicies: request.roleArn ? policies.serviceControlPolicies(request.roleArn.split(':')[4]) : [],
    resourceControlPolicies: [],
    ...(resourcePolicy ? { resourcePolicy: rename(resourcePolicy.policy) } : {}),
  };
  const outcome = await runSimulation(simulation, {});
  if (outcome.resultType === 'error') {
    throw new Error(`IAM evaluation of ${request.action} on ${request.resource} could not run: ${outcome.errors.message} ${JSON.stringify(outcome.errors)}`);
  }
  const analysis = outcome.resultType === 'single' ? outcome.result.analysis : outcome.results[0]?.analysis;
  const allowed = outcome.overallResult === 'Allowed';
  // The organisation's FullAWSAccess lets everything through its level; only identity and resource grants are ours.
  const grants = allowed && analysis ? getGrantReasons(analysis).filter(g => g.policyType === 'identity' || g.policyType === 'resource').map(g => (g.policyType === 'resource'
    ? `${resourcePolicy.id}#${g.statementIndex - 1}`
    : `${g.policyIdentifier}#${g.statementIndex - 1}`)) : [];
  const denials = !allowed && analysis ? getDenialReasons(analysis) : [];
  return { allowed, result: outcome.overallResult, grants, denials, resourcePolicyId: resourcePolicy?.id ?? null };
}

// KMS's kms:EncryptionContext:<key> is a condition key with a variable part after a colon; the
// simulator recognises variable keys only after a slash (aws:PrincipalTag/<tag>) and drops the
// others from the request, so a condition on them could never hold. The one encryption-context key
// a request carries (S3 sends kms:EncryptionContext:aws:s3:arn) is therefore passed under the
// name the simulator knows, kms:EncryptionContext:${EncryptionContextKey}, and so are the
// conditions on that same key; conditions on another key stay as written, and are unmet, as in AWS.
const SIMULATED_EC_KEY = 'kms:EncryptionContext:${EncryptionContextKey}';
const EC_KEY = /^kms:encryptioncontext:(.+)$/i;

function encryptionContextAsSimulated(context = {}) {
  const keys = Object.keys(context).filter(k => EC_KEY.test(k));
  if (keys.length === 0) return { context, rename: policy => policy };
  if (keys.length > 1) throw new Error(`IAM evaluation: the request carries ${keys.length} encryption-context keys (${keys.join(', ')}); the local cloud evaluates one: send only the one the service sends`);
  const name = EC_KEY.exec(keys[0])[1].toLowerCase();
  const { [keys[0]]: value, ...rest } = context;
  const renameKey = key => (EC_KEY.exec(key)?.[1].toLowerCase() === name ? SIMULATED_EC_KEY : key);
  const renameStatement = statement => (statement.Condition ? {
    ...statement,
    Condition: Object.fromEntries(Object.entries(statement.Condition).map(([operator, keys]) => [operator, Object.fromEntries(Object.entries(keys).map(([k, v]) => [renameKey(k), v]))])),
  } : statement);
  return {
    context: { ...rest, [SIMULATED_EC_KEY]: value },
    rename: policy => (policy ? { ...policy, Statement: [].concat(policy.Statement ?? []).map(renameStatement) } : policy),
  };
}
