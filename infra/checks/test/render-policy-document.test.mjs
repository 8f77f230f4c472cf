// aws_iam_policy_document as the AWS provider renders and merges it, and the
// errors the renderer gives when a policy cannot be known.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createParser } from '../src/parse-cache.mjs';
import { createFunctions } from '../src/render/functions.mjs';
import { renderEnvironment } from '../src/render/index.mjs';
import { createPolicyRegistry, renderPolicyDocument } from '../src/render/policy-document.mjs';
import { Unknown } from '../src/render/values.mjs';
import { copyInfra } from './support/infra-copy.mjs';

const locals = { arn: 'arn:aws:s3:::b', later: new Unknown('aws_acm_certificate.site.arn is assigned by AWS and not modelled by the renderer'), ids: ['1', '2'] };
const scope = { lookup: (name) => (name === 'local' ? locals : undefined), functions: createFunctions(), where: 'test' };
const statement = (sid, extra = {}) => ({ ...(sid ? { sid } : {}), actions: ['s3:GetObject'], resources: ['${local.arn}/*'], ...extra });

test('render policy document: statements, principals, conditions and dynamic blocks as AWS JSON', () => {
  const registry = createPolicyRegistry();
  const body = {
    statement: [{
      sid: 'Read',
      effect: 'Allow',
      actions: ['s3:GetObject', 's3:GetObject'],
      resources: ['${local.arn}/*'],
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::1:root'] }, { type: 'AWS', identifiers: ['arn:aws:iam::2:root'] }],
      condition: [{ test: 'ArnEquals', variable: 'aws:PrincipalArn', values: ['a'] }, { test: 'ArnEquals', variable: 'aws:SourceArn', values: ['b'] }],
      dynamic: { condition: [{ for_each: '${local.ids}', content: [{ test: 'StringEquals', variable: 'sts:ExternalId', values: ['${condition.value}'] }] }] },
    }, { not_actions: ['iam:*'], not_resources: ['*'], effect: 'Deny', principals: [{ type: '*', identifiers: ['*'] }] }],
    dynamic: { statement: [{ for_each: '${local.ids}', iterator: 'id', content: [{ sid: 'Dyn${id.value}', actions: ['kms:Decrypt'], resources: ['*'] }] }] },
  };
  const rendered = renderPolicyDocument(body, scope, 'modules/x/main.tf data.aws_iam_policy_document.doc', registry);
  assert.deepEqual(rendered.document, {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Read',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: ['arn:aws:s3:::b/*'],
        Principal: { AWS: ['arn:aws:iam::1:root', 'arn:aws:iam::2:root'] },
        Condition: { ArnEquals: { 'aws:PrincipalArn': ['a'], 'aws:SourceArn': ['b'] }, StringEquals: { 'sts:ExternalId': ['1', '2'] } },
      },
      { Effect: 'Deny', NotAction: ['iam:*'], NotResource: ['*'], Principal: '*' },
      { Sid: 'Dyn1', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['*'] },
      { Sid: 'Dyn2', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['*'] },
    ],
  });
  assert.deepEqual(JSON.parse(rendered.json), rendered.document);
  assert.deepEqual(registry.originsOf(rendered.json), Array(4).fill('modules/x/main.tf data.aws_iam_policy_document.doc'));
});

test('render policy document: source documents, then own statements by Sid, then overrides by Sid, origins following', () => {
  const registry = createPolicyRegistry();
  const source = renderPolicyDocument({ statement: [statement('Shared'), statement(null, { actions: ['s3:ListBucket'] })] }, scope, 'source.tf data.aws_iam_policy_document.source', registry);
  const override = renderPolicyDocument({ statement: [statement('Own', { actions: ['s3:PutObject'] }), statement(null, { actions: ['s3:DeleteObject'] })] }, scope, 'override.tf data.aws_iam_policy_document.override', registry);
  const merged = renderPolicyDocument({
    source_policy_documents: [source.json],
    override_policy_documents: ['${local.override}'.replace('${local.override}', override.json)],
    statement: [statement('Shared', { effect: 'Deny' }), statement('Own')],
  }, scope, 'main.tf data.aws_iam_policy_document.merged', registry);
  assert.deepEqual(merged.document.Statement.map((s) => [s.Sid ?? null, s.Effect, s.Action[0]]), [
    ['Shared', 'Deny', 's3:GetObject'], // this document's statement replaces the source's with the same Sid, in place
    [null, 'Allow', 's3:ListBucket'], // a source statement without Sid stays
    ['Own', 'Allow', 's3:PutObject'], // an override replaces by Sid
    [null, 'Allow', 's3:DeleteObject'], // and appends what has no Sid
  ]);
  assert.deepEqual(merged.statementOrigins, ['main.tf data.aws_iam_policy_document.merged', 'source.tf data.aws_iam_policy_document.source', 'override.tf data.aws_iam_policy_document.override', 'override.tf data.aws_iam_policy_document.override']);
  assert.throws(() => renderPolicyDocument({ source_policy_documents: [source.json, source.json] }, scope, 'dup.tf data.aws_iam_policy_document.dup', registry), /duplicate Sid Shared in source_policy_documents/);
});

test('render policy document: a value not known before apply is an error naming the file, the expression and what is missing', () => {
  const registry = createPolicyRegistry();
  assert.throws(
    () => renderPolicyDocument({ statement: [statement('Read', { resources: ['${local.later}/*'] })] }, scope, 'modules/x/main.tf data.aws_iam_policy_document.doc', registry),
    (error) => /modules\/x\/main\.tf data\.aws_iam_policy_document\.doc statement #1 \(Read\) resources = \["\$\{local\.later\}\/\*"\]: not known before apply \(aws_acm_certificate\.site\.arn is assigned by AWS/.test(error.message),
  );
});

test('render: an unresolvable value in a real module\'s policy fails the render with the unit, file, expression and cause', async () => {
  const infra = await copyInfra();
  try {
    await infra.replace('modules/deploy-role/main.tf', 'resources = [var.distribution_arn]', 'resources = [aws_iam_role.this.unique_id]');
    await assert.rejects(
      renderEnvironment({ infraDir: infra.dir, environment: 'local', parse: createParser() }),
      (error) => error.message.includes('live/local/global/deploy-role')
        && error.message.includes('modules/deploy-role/main.tf data.aws_iam_policy_document.deploy')
        && error.message.includes('aws_iam_role.this.unique_id')
        && /unique_id is assigned by AWS and not modelled/.test(error.message),
    );
  } finally {
    await infra.remove();
  }
});
