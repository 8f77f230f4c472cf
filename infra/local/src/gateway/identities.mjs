// Who is calling: the build (a session of the pipeline's CodeBuild role, as CodeBuild hands it to
// the build container), sessions of roles issued by AssumeRole (the deploy role), and
// execution-role sessions the local Lambda runtime hands to functions. Every role comes from the
// policies infra/ renders. Sessions persist in the state dir, so credentials a build holds survive
// a restart of the local cloud.
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
  #maxSessionSeconds;

  /**
   * @param {{ topology: object, stateFile: string, clock: { now(): number }, maxSessionSeconds?: number }} options
   * topology.buildRoleArn names the build's role; maxSessionSeconds (tests only: `up --max-session-seconds`) cuts every
   * AssumeRole session short after STS has validated the requested 900–3600 s, and the Expiration it returns says so.
   */
  constructor({ topology, stateFile, clock, maxSessionSeconds }) {
    this.#topology = topology;
    this.#maxSessionSeconds = maxSessionSeconds;
    this.#file = stateFile;
    this.#clock = clock;
    const now = clock.now();
    // Keep a day of expired sessions so their use reports ExpiredToken rather than an unknown key.
    this.#sessions = readJson(stateFile, []).filter(s => Date.parse(s.expiration) > now - 86_400_000);
  }

  /** The build's session: its fixed local access key stands for CodeBuild's container credentials. */
  get buildPrincipal() {
    return this.#principalOf({ kind: 'build', roleArn: this.#topology.buildRoleArn, sessionName: this.#topology.buildIdentity.sessionName });
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
    const account = s.roleArn.split(':')[4];
    const roleId = stableId('AROA', s.roleArn);
    return {
      kind: s.kind,
      functionName: s.functionName,
      roleArn: s.roleArn,
      arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${s.sessionName}`,
      userId: `${roleId}:${s.sessionName}`,
      assumedRoleId: `${roleId}:${s.sessionName}`,
      account,
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

  /** A session of a role that STS has already allowed the caller to assume. */
  assumeRole({ roleArn, sessionName, durationSeconds }) {
    const lasts = this.#maxSessionSeconds ? Math.min(durationSeconds, this.#maxSessionSeconds) : durationSeconds;
    return this.#issue({ roleArn, sessionName, durationSeconds: lasts, kind: roleArn === this.#topology.deployRoleArn ? 'deploy' : 'role' });
  }

  /** Credentials the local Lambda runtime gives a function, like Lambda does from its execution role. */
  functionSession(functionName, roleArn) {
    const now = this.#clock.now();
    const live = this.#sessions.find(s => s.kind === 'function' && s.functionName === functionName && s.roleArn === roleArn && Date.parse(s.expiration) - now > 600_000);
    if (live) return live;
    return this.#issue({ roleArn, sessionName: functionName, durationSeconds: 3600, kind: 'function', functionName });
  }
}
