// The CLI the build's LocalUp/LocalDown targets run: a detached local cloud, started once per
// state dir, refused on a taken port without writing anything, stopped by its pids file only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claimPorts, freePort, freePorts } from '../src/ports.mjs';
import { isAlive } from '../src/process-registry.mjs';
import { aws } from './support.mjs';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli.mjs');

function cli(args) {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => { stdout += d; });
    child.stderr.on('data', d => { stderr += d; });
    child.on('close', code => resolve({ code, stdout, stderr, json: stdout.trim() ? JSON.parse(stdout.trim().split('\n').pop()) : undefined }));
  });
}

describe('local-cloud CLI', () => {
  let work;
  let stateDir;
  let portArgs;
  let ports;
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'local-cloud-cli-'));
    stateDir = join(work, 'state');
    const [api, site, ses, s3] = await freePorts(4);
    ports = { api, site, ses, s3 };
    portArgs = ['--api-port', ports.api, '--site-port', ports.site, '--ses-port', ports.ses, '--s3-port', ports.s3].map(String);
  });
  after(async () => {
    await cli(['down', '--state-dir', stateDir]);
    rmSync(work, { recursive: true, force: true });
  });

  it('starts detached, prints its endpoints as one JSON line, and answers on them', async () => {
    const up = await cli(['up', '--state-dir', stateDir, ...portArgs]);
    assert.equal(up.code, 0, up.stderr);
    assert.equal(up.stdout.trim().split('\n').length, 1);
    assert.equal(up.json.running, true);
    assert.deepEqual(up.json.endpoints, {
      api: `http://127.0.0.1:${ports.api}`, site: `http://localhost:${ports.site}`, ses: `http://127.0.0.1:${ports.ses}`,
      sesStore: `http://127.0.0.1:${ports.ses}/store`, s3: `http://127.0.0.1:${ports.s3}`,
    });
    assert.ok(existsSync(join(stateDir, 'pids.json')));
    assert.ok(existsSync(join(stateDir, 'local-cloud.log')));
    const who = await aws(['sts', 'get-caller-identity'], { endpoint: up.json.endpoints.api });
    assert.equal(who.code, 0, who.stderr);

    const status = await cli(['status', '--state-dir', stateDir]);
    assert.equal(status.json.running, true);
    assert.deepEqual(status.json.processes.map(p => p.name), ['daemon', 's3rver', 'ses']);
  });

  it('says so and exits 0 when already running with the same state dir', async () => {
    const again = await cli(['up', '--state-dir', stateDir, ...portArgs]);
    assert.equal(again.code, 0);
    assert.match(again.stderr, /already running/);
    assert.equal(again.json.running, true);
  });

  it('refuses a taken port in one line, exit 2, writing nothing', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise(r => blocker.listen(port, '127.0.0.1', r));
    try {
      const other = join(work, 'other-state');
      const [site, ses, s3] = await freePorts(3);
      const r = await cli(['up', '--state-dir', other, '--api-port', String(port), '--site-port', String(site), '--ses-port', String(ses), '--s3-port', String(s3)]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.match(r.stderr, new RegExp(`port ${port} \\(--api-port\\) is already in use`));
      assert.equal(r.stdout, '');
      assert.equal(existsSync(other), false, 'no state dir was created');
    } finally {
      blocker.close();
    }
    const bad = await cli(['up', '--state-dir', join(work, 'x'), '--api-port', 'eighty']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--api-port eighty is not a port/);
  });

  it('stops everything it started, and only that', async () => {
    const status = await cli(['status', '--state-dir', stateDir]);
    const pids = status.json.processes.map(p => p.pid);
    const down = await cli(['down', '--state-dir', stateDir]);
    assert.equal(down.code, 0, down.stderr);
    assert.deepEqual(down.json.stopped.map(p => p.name).sort(), ['daemon', 's3rver', 'ses']);
    for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} stopped`);
    assert.equal(existsSync(join(stateDir, 'pids.json')), false);
    assert.ok(existsSync(join(stateDir, 's3', 'jamstack-site-local')), 'state stays for the next deploy');
    assert.equal((await cli(['status', '--state-dir', stateDir])).json.running, false);

    // A pids file naming a process that is not ours (this test runner) is not acted on.
    const foreign = join(work, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'pids.json'), JSON.stringify({ pid: process.pid, processes: [{ name: 'daemon', pid: process.pid, script: '/nowhere/daemon.mjs' }] }));
    const refused = await cli(['down', '--state-dir', foreign]);
    assert.deepEqual(refused.json.stopped, []);
    assert.ok(isAlive(process.pid));
  });
});

describe('cli up --settle-ms', () => {
  it('refuses a value that is not a duration in one line, exit 2, before starting anything', () => {
    for (const bad of ['0', 'fast', '1.5', '60001']) {
      const r = spawnSync(process.execPath, [CLI, 'up', '--settle-ms', bad], { encoding: 'utf8' });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr.trim(), `local-cloud: --settle-ms ${bad} is not a duration: give milliseconds from 1 to 60000 (tests that deploy many times)`);
    }
  });
});

describe('claimPorts', () => {
  it('gives every endpoint asked for port 0 a port of its own (each is held until all are picked)', async () => {
    for (let i = 0; i < 25; i++) {
      const ports = await claimPorts({ api: 0, site: 0, ses: 0, s3: 0 });
      assert.equal(new Set(Object.values(ports)).size, 4, JSON.stringify(ports));
    }
    assert.equal(new Set(await freePorts(6)).size, 6);
  });
});
