import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

test('documentation: a variable without a description is reported', async () => {
  const findings = await seeded('documentation', (infra) =>
    infra.replace('modules/hosted-zone/variables.tf', '  description = "DNS name of the public hosted zone; every site domain lies in it."\n', ''));
  assertOnly(findings, 'modules/hosted-zone/variables.tf', /variable "zone_name".*has no description/);
});

test('documentation: a variable without a type is reported', async () => {
  const findings = await seeded('documentation', (infra) =>
    infra.replace('modules/code-repository/variables.tf', '  description = "Name of the CodeCommit repository (the project name)."\n  type        = string\n', '  description = "Name of the CodeCommit repository (the project name)."\n'));
  assertOnly(findings, 'modules/code-repository/variables.tf', /variable "name".*has no type/);
});

test('documentation: an output without a description is reported', async () => {
  const findings = await seeded('documentation', (infra) =>
    infra.replace('modules/hosted-zone/outputs.tf', '  description = "ID of the hosted zone."\n', ''));
  assertOnly(findings, 'modules/hosted-zone/outputs.tf', /output "zone_id".*has no description/);
});

test('documentation: a README without an example is reported', async () => {
  const findings = await seeded('documentation', (infra) =>
    infra.replace('modules/hosted-zone/README.md', '```hcl', '```text'));
  assertOnly(findings, 'modules/hosted-zone/README.md', /has no ```hcl example/);
});

test('documentation: a module without versions.tf is reported', async () => {
  const findings = await seeded('documentation', (infra) => infra.move('modules/hosted-zone/versions.tf', 'modules/hosted-zone/versions.tf.off'));
  assertOnly(findings, 'modules/hosted-zone', /has no versions\.tf/);
});
