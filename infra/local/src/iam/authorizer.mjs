// Every request the local cloud serves is authorized here: the caller (a role session or an AWS
// service), the IAM action and resource the operation is authorized as, and the request's
// condition keys go to the evaluation; a refusal reads as AWS's, plus where in infra/ to fix it.
// Each decision is recorded with the statements that made it (see decision-log.mjs).
import { awsError } from '../gateway/errors.mjs';
import { evaluate } from './evaluation.mjs';
import { serviceContext, sessionContext } from './request-context.mjs';

/** How each protocol family spells a refusal. */
const REFUSALS = {
  s3: message => awsError(403, 'AccessDenied', message),
  query: message => awsError(403, 'AccessDenied', message),
  json: message => awsError(400, 'AccessDeniedException', message),
  'rest-json': message => awsError(403, 'AccessDeniedException', message),
  'rest-xml': message => awsError(403, 'AccessDenied', message),
};

export class Authorizer {
  #policies;
  #clock;
  #log;

  /** @param {{ policies: import('./policy-set.mjs').PolicySet, clock: { now(): number }, decisions?: { record(entry: object): void } }} options */
  constructor({ policies, clock, decisions }) {
    this.#policies = policies;
    this.#clock = clock;
    this.#log = decisions;
  }

  get policies() {
    return this.#policies;
  }

  /**
   * Allows the request or throws the protocol's AccessDenied.
   * @param {{ principal: object, action: string, resource: string, context?: object, region?: string,
   *   protocol?: string, operation: string, sourceArn?: string, sourceAccount?: string }} request
   *   principal: a session principal ({ arn, roleArn, account, userId }) or { service: 'cloudfront.amazonaws.com' }.
   */
  async authorize({ principal, action, resource, context = {}, region, protocol = 's3', operation, sourceArn, sourceAccount }) {
    const now = this.#clock.now();
    const isService = Boolean(principal.service);
    const request = {
      principal: isService ? principal.service : principal.arn,
      roleArn: isService ? undefined : principal.roleArn,
      action,
      resource,
      resourceAccount: this.#policies.resourceAccount(resource) ?? principal.account ?? sourceAccount,
      context: {
        ...(isService ? serviceContext({ now, sourceArn, sourceAccount }) : sessionContext(principal, { now, region })),
        ...context,
      },
    };
    return this.check(request, { operation, protocol, at: new Date(now).toISOString() });
  }

  /** Evaluates a request already in IAM's terms (as recorded), records it, and allows it or throws. */
  async check(request, { operation, protocol = 's3', at }) {
    const decision = await evaluate(this.#policies, request);
    this.#log?.record({ at, operation, protocol, request, allowed: decision.allowed, grants: decision.grants });
    if (decision.allowed) return decision;
    throw (REFUSALS[protocol] ?? REFUSALS.s3)(this.#refusal(request, decision, request.principal));
  }

  /** AWS's wording, then the statement to add or the condition to meet, named by where infra/ writes it. */
  #refusal(request, decision, caller) {
    const { action, resource } = request;
    const explicit = decision.denials.find(d => d.denialType === 'Explicit');
    const head = `User: ${caller} is not authorized to perform: ${action} on resource: "${resource}"`;
    if (explicit?.policyType === 'scp') {
      const origin = this.#policies.scpOrigin(explicit.policyIdentifier);
      return `${head} with an explicit deny in a service control policy (statement ${explicit.statementId ?? `#${explicit.statementIndex}`}${origin ? ` of ${origin}` : ''}); fix: make the request meet that statement's condition, or change the SCP`;
    }
    if (explicit) {
      const where = explicit.policyType === 'resource' ? 'resource-based' : 'identity-based';
      const policyId = explicit.policyType === 'resource' ? decision.resourcePolicyId : explicit.policyIdentifier;
      const origin = this.#policies.originsOf(policyId).join(', ');
      return `${head} with an explicit deny in a ${where} policy (statement ${explicit.statementId ?? `#${explicit.statementIndex}`}${origin ? ` of ${origin}` : ''}); fix: make the request meet that statement's condition`;
    }
    // A service principal has no identity policies: only the resource's policy can let it in.
    const identity = request.roleArn && decision.denials.some(d => d.policyType === 'identity');
    if (identity) {
      const origin = request.roleArn ? this.#policies.originsOf(`${request.roleArn}#${this.#policies.role(request.roleArn)?.policies[0]?.name}`).join(', ') : '';
      return `${head} because no identity-based policy allows the ${action} action; fix: allow ${action} on ${resource} in the policy of ${request.roleArn ?? caller}${origin ? ` (${origin})` : ''}`;
    }
    const origin = decision.resourcePolicyId ? this.#policies.originsOf(decision.resourcePolicyId).join(', ') : '';
    const holder = decision.resourcePolicyId?.split('#')[0] ?? resource;
    const who = request.roleArn ?? `${caller}${request.context['aws:SourceArn'] ? ` for ${request.context['aws:SourceArn']}` : ''}`;
    return `${head} because no resource-based policy allows the ${action} action; fix: allow ${who} to ${action} in the policy of ${holder}${origin ? ` (${origin})` : ''}`;
  }
}
