// What the end-to-end test needs around the build: free ports, running ./build.sh, the aws CLI.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Free ports, all different: the system may hand out a port it just handed out, once it is closed again. */
export async function freePorts(names) {
  const ports = {};
  const taken = new Set();
  for (const name of names) {
    let port;
    do port = await freePort(); while (taken.has(port));
    taken.add(port);
    ports[name] = port;
  }
  return ports;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to its end; resolves with exit code and output, never rejects on a non-zero exit. */
export function run(command, args, { env = {}, cwd = repositoryRoot, timeoutMs = 15 * 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error(`${command} ${args.join(' ')} timed out`)); }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

/** ./build.sh with the arguments; fails the test with the build's output when it does not succeed. */
export async function build(args, env = {}) {
  // The outer build's own CI flag must not make the nested one take the branch's environment.
  const result = await run('./build.sh', args, { env: { CI: '', CODEBUILD_BUILD_ID: '', NO_COLOR: '1', ...env } });
  if (result.code !== 0) throw new Error(`./build.sh ${args.join(' ')} exited ${result.code}:\n${result.output.slice(-6000)}`);
  return result.output;
}

/** AWS's own CLI (Debian's awscli v2 at /usr/bin/aws; a pip awscli v1 may shadow it on PATH). */
export async function aws(endpoint, args, credentials) {
  const result = await run('/usr/bin/aws', [...args, '--endpoint-url', endpoint, '--output', 'json', '--no-cli-pager'], {
    env: {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken ?? '',
      AWS_REGION: credentials.region ?? 'eu-central-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
    timeoutMs: 60_000,
  });
  if (result.code !== 0) throw new Error(`aws ${args.join(' ')} failed: ${result.output}`);
  return result.output.trim() ? JSON.parse(result.output) : {};
}
