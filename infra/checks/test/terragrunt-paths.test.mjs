import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveUnitPath } from '../src/terragrunt-paths.mjs';

const files = new Set(['environments.json', 'live/root.hcl', 'live/names.hcl', 'live/_envcommon/static-site.hcl']);
const context = { unitDir: 'live/development/eu-central-1/static-site', exists: (relative) => files.has(relative) };
const resolve = (value) => resolveUnitPath(value, context);

test('terragrunt-paths: include paths resolve from the unit\'s folder upward', async () => {
  assert.equal(await resolve('${find_in_parent_folders("root.hcl")}'), 'live/root.hcl');
  assert.equal(await resolve('${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/static-site.hcl'), 'live/_envcommon/static-site.hcl');
  assert.equal(await resolve('${find_in_parent_folders("environments.json")}'), 'environments.json');
});

test('terragrunt-paths: dependency paths resolve relative to the unit, with or without get_terragrunt_dir()', async () => {
  assert.equal(await resolve('../contact-api'), 'live/development/eu-central-1/contact-api');
  assert.equal(await resolve('${get_terragrunt_dir()}/../../../shared/global/hosted-zone'), 'live/shared/global/hosted-zone');
});

test('terragrunt-paths: what cannot be known without Terragrunt is null, not a guess', async () => {
  assert.equal(await resolve('${find_in_parent_folders("missing.hcl")}'), null);
  assert.equal(await resolve('${local.elsewhere}/unit'), null);
  assert.equal(await resolve('${run_cmd("pwd")}'), null);
  assert.equal(await resolve(undefined), null);
});
