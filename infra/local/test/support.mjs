// Test support: an in-process local cloud on free ports with a temp state dir, the aws CLI and
// the AWS SDK for JavaScript pointed at it, and the build identity's credentials.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud } from '../src/index.mjs';
import { KeyValueStores } from '../src/services/key-value-store/stores.mjs';

export const BUILD = Object.freeze({ accessKeyId: 'AKIALOCALBUILD00000', secretAccessKey: 'local-build-secret' });
export const DEPLOY_ROLE = 'arn:aws:iam::000000000000:role/jamstack-deploy';
export const STORE = Object.freeze({ 'eu-central-1': 'jamstack-artifacts-local-eu-central-1', 'eu-west-1': 'jamstack-artifacts-local-eu-west-1' });
export const SITE_BUCKET = 'jamstack-site-local';
export const CONTACT_FUNCTION = 'jamstack-local-contact-form';
export const DISTRIBUTION = 'ELOCAL0000000';

/** The local account's KeyValueStores of a rendered model, in a fresh state dir (the edge's cf.kvs() reads them). */
export function keyValueStoresOf(model, clock = { now: () => Date.now() }) {
  const dir = mkdtempSync(join(tmpdir(), 'kvs-'));
  const account = model.accounts.local;
  return new KeyValueStores({ stores: model.keyValueStores.filter(s => s.account === account), stateFile: join(dir, 'stores.json'), clock });
}

/** A clock the tests can move forward (token expiry), starting at real time. */
export function testClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: ms => { offset += ms; } };
}

export async function startTestCloud(options = {}) {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'local-cloud-test-'));
  const lines = [];
  const cloud = await startLocalCloud({
    stateDir,
    ports: { api: 0, site: 0, ses: 0, s3: 0 },
    updateDelayMs: 1200,
    invalidationDelayMs: 1000,
    log: line => lines.push(line),
    ...options,
  });
  return {
    ...cloud,
    logLines: lines,
    async close({ keepState = false } = {}) {
      await cloud.stop();
      if (!keepState && !options.stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** The aws CLI: Debian's awscli (v2) when installed, else whatever `aws` is on PATH. */
export const AWS_CLI = process.env.AWS_CLI ?? (existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws');

/**
 * Runs the aws CLI against the gateway. Resolves { code, stdout, stderr, json }.
 * @param {string[]} args
 * @param {{ endpoint: string, credentials?: {accessKeyId:string, secretAccessKey:string, sessionToken?:string}, region?: string, maxAttempts?: number }} options
 */
export function aws(args, { endpoint, credentials = BUILD, region = 'eu-central-1', maxAttempts = 1 }) {
  const env = {
    PATH: process.env.PATH,
    HOME: tmpdir(),
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_MAX_ATTEMPTS: String(maxAttempts),
    AWS_RETRY_MODE: 'standard',
  };
  if (credentials.sessionToken) env.AWS_SESSION_TOKEN = credentials.sessionToken;
  return new Promise((resolve, reject) => {
    const child = spawn(AWS_CLI, ['--endpoint-url', endpoint, '--output', 'json', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => { stdout += d; });
    child.stderr.on('data', d => { stderr += d; });
    child.on('error', err => reject(new Error(`cannot run the aws CLI (${AWS_CLI}): ${err.message}; install it with apt-get install awscli`)));
    child.on('close', code => {
      let json;
      try {
        json = stdout.trim() ? JSON.parse(stdout) : undefined;
      } catch { /* not JSON */ }
      resolve({ code, stdout, stderr, json });
    });
  });
}

/** Client options for @aws-sdk/client-* against the gateway. */
export const sdkConfig = (endpoint, credentials = BUILD, region = 'eu-central-1') => ({
  endpoint, region, credentials: { ...credentials }, maxAttempts: 1, forcePathStyle: true,
});

export async function assumeDeployRole(endpoint, sessionName = 'test-deploy') {
  const r = await aws(['sts', 'assume-role', '--role-arn', DEPLOY_ROLE, '--role-session-name', sessionName], { endpoint });
  if (r.code !== 0) throw new Error(`assume-role failed: ${r.stderr}`);
  const c = r.json.Credentials;
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/** A zip (as Lambda takes it) of the given files: { 'index.mjs': source }. */
export async function zipOf(files) {
  const { default: AdmZip } = await import('adm-zip');
  const zip = new AdmZip();
  for (const [name, content] of Object.entries(files)) zip.addFile(name, Buffer.from(content));
  return zip.toBuffer();
}

/** Uploads bytes to a region's artifact store as the build does: SSE-KMS with the region's key ARN. */
export async function putArtifact(cloud, region, key, bytes, dir) {
  const { writeFileSync } = await import('node:fs');
  const file = join(dir, key.replace(/\//g, '_'));
  writeFileSync(file, bytes);
  const r = await aws(['s3api', 'put-object', '--bucket', STORE[region], '--key', key, '--body', file,
    '--server-side-encryption', 'aws:kms', '--ssekms-key-id', cloud.topology.regionOf(region).kmsKeyArn], { endpoint: cloud.endpoints.api, region });
  if (r.code !== 0) throw new Error(`put-object ${key} failed: ${r.stderr}`);
}
