// `up --max-session-seconds N` (tests of credential renewal): AssumeRole sessions end after N seconds, and say so.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { IdentityStore } from '../src/gateway/identities.mjs';

const topology = {
  buildRoleArn: 'arn:aws:iam::000000000001:role/jamstack-local-build',
  deployRoleArn: 'arn:aws:iam::000000000000:role/jamstack-deploy',
  buildIdentity: { accessKeyId: 'AKIALOCALBUILD00000', secretAccessKey: 'local-build-secret', sessionName: 'local-build' },
};

function store(maxSessionSeconds, now) {
  const dir = mkdtempSync(join(tmpdir(), 'identities-'));
  const clock = { now: () => now.value };
  return { identities: new IdentityStore({ topology, stateFile: join(dir, 'sessions.json'), clock, maxSessionSeconds }), done: () => rmSync(dir, { recursive: true }) };
}

describe('session length', () => {
  it('cuts assumed-role sessions to --max-session-seconds, and they expire then', () => {
    const now = { value: Date.parse('2026-01-01T00:00:00Z') };
    const { identities, done } = store(3, now);
    try {
      const session = identities.assumeRole({ roleArn: topology.deployRoleArn, sessionName: 'build-1', durationSeconds: 900 });
      assert.equal(session.expiration, '2026-01-01T00:00:03Z');
      assert.equal(identities.lookup(session.accessKeyId).expired, false);
      now.value += 3000;
      assert.equal(identities.lookup(session.accessKeyId).expired, true);
    } finally { done(); }
  });

  it('leaves sessions as asked without the option', () => {
    const now = { value: Date.parse('2026-01-01T00:00:00Z') };
    const { identities, done } = store(undefined, now);
    try {
      assert.equal(identities.assumeRole({ roleArn: topology.deployRoleArn, sessionName: 'build-1', durationSeconds: 900 }).expiration, '2026-01-01T00:15:00Z');
    } finally { done(); }
  });

  it('refuses a value that is not a session length, in one line', () => {
    const cli = fileURLToPath(new URL('../cli.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [cli, 'up', '--max-session-seconds', '0'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--max-session-seconds 0 is not a session length: give whole seconds from 1 to 3600/);
  });
});
