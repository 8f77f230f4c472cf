// The policies AWS would hold for one environment, as infra/ renders them (infra/checks/src/render):
// identity policies of each role, and the resource policies of buckets, keys, roles (trust) and
// functions (Lambda permissions). Every statement can be named, found and left out, so a decision
// can say which statements made it and the least-privilege proof can take one away.

const bucketOf = arn => /^arn:aws[\w-]*:s3:::([^/]+)/.exec(arn)?.[1];
const unqualified = arn => arn.replace(/^(arn:aws[\w-]*:lambda:[^:]+:\d{12}:function:[^:]+):.*$/, '$1');

/** A Lambda function's permissions (aws_lambda_permission) as the resource policy Lambda keeps. */
function functionPolicy(fn) {
  if (!fn.permissions?.length) return null;
  return {
    Version: '2012-10-17',
    Statement: fn.permissions.map(p => ({
      Sid: p.sid,
      Effect: 'Allow',
      Principal: { Service: p.principal },
      Action: p.action,
      Resource: p.qualifier ? `${fn.arn}:${p.qualifier}` : fn.arn,
      ...((p.sourceArn || p.sourceAccount) ? {
        Condition: {
          ...(p.sourceArn ? { ArnLike: { 'AWS:SourceArn': p.sourceArn } } : {}),
          ...(p.sourceAccount ? { StringEquals: { 'AWS:SourceAccount': p.sourceAccount } } : {}),
        },
      } : {}),
    })),
  };
}

export class PolicySet {
  #model;
  #omitted;

  /** @param {object} model what renderEnvironment() returns; @param {string|null} omitted a statement id to leave out */
  constructor(model, omitted = null) {
    this.#model = model;
    this.#omitted = omitted;
  }

  get model() {
    return this.#model;
  }

  /** The same policies without one statement (its id(): "<owner>#<policy>#<index>"). */
  without(statementId) {
    return new PolicySet(this.#model, statementId);
  }

  role(arn) {
    return this.#model.roles.find(r => r.arn === arn);
  }

  bucket(name) {
    return this.#model.buckets.find(b => b.name === name);
  }

  key(arn) {
    return this.#model.keys.find(k => k.arn === arn);
  }

  function(arn) {
    const base = unqualified(arn);
    return this.#model.functions.find(f => f.arn === base);
  }

  /** Identity policies of a role, as iam-simulate takes them: { name, policy }. */
  identityPolicies(roleArn) {
    const role = this.role(roleArn);
    if (!role) return [];
    return role.policies.map(p => ({ name: `${role.arn}#${p.name}`, policy: this.#filter(p.document, `${role.arn}#${p.name}`) }));
  }

  /**
   * The service control policies that bind a principal of this account, as iam-simulate takes them: the root's
   * (FullAWSAccess and infra/'s SCPs attached to it), then the account's own (FullAWSAccess). None for the
   * management account, an account outside the organisation, or a model without the organisation.
   */
  serviceControlPolicies(accountId) {
    const organization = this.#model.organization;
    if (!organization || !organization.memberAccounts.some(m => m.id === accountId)) return [];
    const managed = { name: organization.awsManaged.name, policy: organization.awsManaged.document };
    const attached = (target) => organization.serviceControlPolicies.filter(p => p.targets.includes(target))
      .map(p => ({ name: `${p.arn}#scp`, policy: this.#filter(p.document, `${p.arn}#scp`) }));
    return [
      { orgIdentifier: organization.rootId, policies: [managed, ...attached(organization.rootId)] },
      { orgIdentifier: accountId, policies: [managed, ...attached(accountId)] },
    ];
  }

  /** Where a service control policy's statements are written, by the name serviceControlPolicies() gives it. */
  scpOrigin(policyName) {
    const policy = this.#model.organization?.serviceControlPolicies.find(p => `${p.arn}#scp` === policyName);
    return policy ? [...new Set(policy.statementOrigins.filter(Boolean))].join(', ') || policy.origin : null;
  }

  /** The resource policy AWS evaluates for a resource ARN, with its id, or null. */
  resourcePolicy(resourceArn) {
    const holder = this.#resourceHolder(resourceArn);
    if (!holder?.policy) return null;
    return { id: holder.id, policy: this.#filter(holder.policy, holder.id) };
  }

  /** The account that owns a resource, as far as the rendered model knows it. */
  resourceAccount(resourceArn) {
    const holder = this.#resourceHolder(resourceArn);
    if (holder?.account) return holder.account;
    const account = resourceArn.split(':')[4];
    return /^\d{12}$/.test(account ?? '') ? account : undefined;
  }

  #resourceHolder(resourceArn) {
    const bucketName = bucketOf(resourceArn);
    if (bucketName) {
      const b = this.bucket(bucketName);
      return b && { id: `${b.arn}#bucket-policy`, policy: b.policy, account: b.account, origins: b.statementOrigins };
    }
    if (/^arn:aws[\w-]*:kms:/.test(resourceArn)) {
      const k = this.key(resourceArn);
      return k && { id: `${k.arn}#key-policy`, policy: k.policy, account: k.account, origins: k.statementOrigins };
    }
    if (/^arn:aws[\w-]*:iam::\d{12}:role\//.test(resourceArn)) {
      const r = this.role(resourceArn);
      return r && { id: `${r.arn}#trust-policy`, policy: r.trustPolicy, account: r.account, origins: r.trustPolicy?.Statement?.map(() => r.origin) };
    }
    if (/^arn:aws[\w-]*:lambda:/.test(resourceArn)) {
      const f = this.function(resourceArn);
      return f && { id: `${f.arn}#function-policy`, policy: functionPolicy(f), account: f.account, origins: f.permissions?.map(() => f.origin ?? 'aws_lambda_permission') };
    }
    return undefined;
  }

  #filter(document, policyId) {
    if (!this.#omitted?.startsWith(`${policyId}#`)) return document;
    const index = Number(this.#omitted.slice(policyId.length + 1));
    return { ...document, Statement: [].concat(document.Statement).filter((_, i) => i !== index) };
  }

  /**
   * Every statement of every policy: { id, policyId, kind, owner, index, sid, effect, origin }.
   * kind is 'identity' (a role's policy), 'trust', 'bucket', 'key' or 'function'.
   */
  statements() {
    const out = [];
    const add = (policyId, kind, owner, document, origins) => {
      [].concat(document?.Statement ?? []).forEach((s, index) => out.push({
        id: `${policyId}#${index}`, policyId, kind, owner, index, sid: s.Sid ?? null, effect: s.Effect,
        actions: [].concat(s.Action ?? s.NotAction ?? []), origin: origins?.[index] ?? null,
      }));
    };
    for (const role of this.#model.roles) {
      add(`${role.arn}#trust-policy`, 'trust', role.arn, role.trustPolicy, role.trustPolicy?.Statement && [].concat(role.trustPolicy.Statement).map(() => role.origin));
      for (const p of role.policies) add(`${role.arn}#${p.name}`, 'identity', role.arn, p.document, p.statementOrigins);
    }
    for (const b of this.#model.buckets) add(`${b.arn}#bucket-policy`, 'bucket', b.arn, b.policy, b.statementOrigins);
    for (const k of this.#model.keys) add(`${k.arn}#key-policy`, 'key', k.arn, k.policy, k.statementOrigins);
    for (const f of this.#model.functions) add(`${f.arn}#function-policy`, 'function', f.arn, functionPolicy(f), f.permissions?.map(() => f.origin ?? null));
    return out;
  }

  /** Where a role's (or a resource's) policy is written in infra/, for the fix part of a refusal. */
  originsOf(policyId) {
    return [...new Set(this.statements().filter(s => s.policyId === policyId).map(s => s.origin).filter(Boolean))];
  }
}
