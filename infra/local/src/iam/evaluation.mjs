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
  const simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: request.context,
    },
    identityPolicies: request.roleArn ? policies.identityPolicies(request.roleArn) : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(resourcePolicy ? { resourcePolicy: resourcePolicy.policy } : {}),
  };
  const outcome = await runSimulation(simulation, {});
  if (outcome.resultType === 'error') {
    throw new Error(`IAM evaluation of ${request.action} on ${request.resource} could not run: ${outcome.errors.message} ${JSON.stringify(outcome.errors)}`);
  }
  const analysis = outcome.resultType === 'single' ? outcome.result.analysis : outcome.results[0]?.analysis;
  const allowed = outcome.overallResult === 'Allowed';
  const grants = allowed && analysis ? getGrantReasons(analysis).map(g => (g.policyType === 'resource'
    ? `${resourcePolicy.id}#${g.statementIndex - 1}`
    : `${g.policyIdentifier}#${g.statementIndex - 1}`)) : [];
  const denials = !allowed && analysis ? getDenialReasons(analysis) : [];
  return { allowed, result: outcome.overallResult, grants, denials, resourcePolicyId: resourcePolicy?.id ?? null };
}
