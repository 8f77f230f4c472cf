// Who is calling: the long-term build identity, sessions of the deploy role issued by AssumeRole,
// and execution-role sessions the local Lambda runtime hands to functions. Sessions persist in the
// state dir, so credentials a build holds survive a restart of the local cloud.
import { randomBytes, createHash } from 'node:crypto';
import { readJson, writeJson } from '../state-file.mjs';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const randomId = (prefix, length) => prefix + [...randomBytes(length)].map(b => ALNUM[b % 32]).join('');
// A stable unique id like IAM's AIDA…/AROA… ids.
const stableId = (prefix, name) => prefix + createHash('sha256').update(name).digest('hex').slice(0, 17).toUpperCase();

export class IdentityStore {
  #topology;
  #file;
  #clock;
  #sessions;

  constructor({ topology, stateFile, clock }) {
    this.#topology = topology;
    this.#file = stateFile;
    this.#clock = clock;
    const now = clock.now();
    // Keep a day of expired sessions so their use reports ExpiredToken rather than an unknown key.
    this.#sessions = readJson(stateFile, []).filter(s => Date.parse(s.expiration) > now - 86_400_000);
  }

  get buildPrincipal() {
    const b = this.#topology.buildIdentity;
    return { kind: 'build', arn: b.arn, userId: stableId('AIDA', b.arn), account: this.#topology.accountId, name: b.userName };
  }

  /** The credential record for an access key id, or undefined when no such key exists. */
  lookup(accessKeyId) {
    const b = this.#topology.buildIdentity;
    if (accessKeyId === b.accessKeyId) {
      return { secretAccessKey: b.secretAccessKey, principal: this.buildPrincipal };
    }
    const s = this.#sessions.find(x => x.accessKeyId === accessKeyId);
    if (!s) return undefined;
    return {
      secretAccessKey: s.secretAccessKey,
      sessionToken: s.sessionToken,
      expired: Date.parse(s.expiration) <= this.#clock.now(),
      principal: this.#principalOf(s),
    };
  }

  #principalOf(s) {
    const roleName = s.roleArn.split('/').pop();
    const roleId = stableId('AROA', s.roleArn);
    return {
      kind: s.kind,
      functionName: s.functionName,
      roleArn: s.roleArn,
      arn: `arn:aws:sts::${this.#topology.accountId}:assumed-role/${roleName}/${s.sessionName}`,
      userId: `${roleId}:${s.sessionName}`,
      assumedRoleId: `${roleId}:${s.sessionName}`,
      account: this.#topology.accountId,
      name: s.sessionName,
    };
  }

  #issue({ roleArn, sessionName, durationSeconds, kind, functionName }) {
    const session = {
      kind,
      functionName,
      roleArn,
      sessionName,
      accessKeyId: randomId('ASIA', 16),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb2xvY2Fs${randomBytes(96).toString('base64')}`,
      expiration: new Date(this.#clock.now() + durationSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    this.#sessions.push(session);
    writeJson(this.#file, this.#sessions);
    return { ...session, principal: this.#principalOf(session) };
  }

  assumeDeployRole({ sessionName, durationSeconds }) {
    return this.#issue({ roleArn: this.#topology.deployRoleArn, sessionName, durationSeconds, kind: 'deploy' });
  }

  /** Credentials the local Lambda runtime gives a function, like Lambda does from its execution role. */
  functionSession(functionName) {
    const now = this.#clock.now();
    const live = this.#sessions.find(s => s.kind === 'function' && s.functionName === functionName && Date.parse(s.expiration) - now > 600_000);
    if (live) return live;
    return this.#issue({
      roleArn: `arn:aws:iam::${this.#topology.accountId}:role/${functionName}-execution`,
      sessionName: functionName,
      durationSeconds: 3600,
      kind: 'function',
      functionName,
    });
  }
}
