// The only places a statement may use "*" as its resource or an account's
// root as its principal. Each entry says why AWS requires it; infra/README.md
// lists the same entries. Adding one needs the same kind of reason.

// attachedAs lists where the statement's document ends up (policyFlow in
// policy-documents.mjs), also through module calls; a document attached
// nowhere matches no entry.

/** Resource "*" is allowed in these statements. */
export const WILDCARD_RESOURCES = [
  {
    id: 'kms-key-policy',
    // In a key policy "Resource": "*" means "this key"; KMS accepts nothing else.
    why: 'in a KMS key policy, "*" means the key the policy is attached to; KMS requires it',
    matches: ({ attachedAs }) => attachedAs.length > 0 && attachedAs.every((use) => use === 'aws_kms_key.policy'),
  },
];

/** An account root principal without an aws:PrincipalArn condition is allowed in these statements. */
export const ROOT_PRINCIPALS = [
  {
    id: 'kms-key-administration',
    // KMS refuses (and AWS warns against) a key policy that could lock every
    // administrator out; the account root with administrative actions only is
    // AWS's documented form. It grants no use of the key (no Encrypt/Decrypt).
    why: 'the key-administration statement AWS requires so a key can never become unmanageable',
    matches: ({ attachedAs, statement }) =>
      attachedAs.length > 0 &&
      attachedAs.every((use) => use === 'aws_kms_key.policy') &&
      statement.sid === 'KeyAdministration' &&
      Array.isArray(statement.actions) &&
      !statement.actions.some((action) => /^kms:(Decrypt|Encrypt|GenerateDataKey|ReEncrypt)/.test(action)),
  },
];

/** Regions a live/ file may name although environments.json does not use them. */
export const EXTRA_REGIONS = [
  {
    region: 'us-east-1',
    why: 'CloudFront takes certificates from us-east-1 only (the aws.us_east_1 provider)',
  },
];
