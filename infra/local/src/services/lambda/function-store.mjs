// The functions environments.json names, with $LATEST, published versions and aliases, persisted
// under the state dir. An update is InProgress for a short while and then Successful (derived
// from its start time), so clients' waiters really wait, as they must against Lambda.
import { randomUUID } from 'node:crypto';
import { readJson, writeJson } from '../../state-file.mjs';
import { codeSha256 } from './code-store.mjs';

const PLACEHOLDER = Object.freeze({ codeId: null, codeSha256: codeSha256(Buffer.alloc(0)), codeSize: 0, placeholder: true });

/** Lambda's LastModified format: 2024-01-01T00:00:00.000+0000 */
const lambdaTime = ms => new Date(ms).toISOString().replace('Z', '+0000');

export class FunctionStore {
  #file;
  #topology;
  #clock;
  #updateDelayMs;
  #functions;

  constructor({ file, topology, clock, updateDelayMs }) {
    this.#file = file;
    this.#topology = topology;
    this.#clock = clock;
    this.#updateDelayMs = updateDelayMs;
    this.#functions = readJson(file, {});
    let created = false;
    for (const f of topology.functions) {
      if (this.#functions[f.functionName]) continue;
      // As infra/ creates them: placeholder code published as version 1, the alias on it.
      const now = clock.now();
      const latest = { ...PLACEHOLDER, lastModified: now, revisionId: randomUUID(), updateStartedAt: null };
      this.#functions[f.functionName] = {
        latest,
        versions: { 1: { ...latest, revisionId: randomUUID(), description: 'placeholder created with the function' } },
        nextVersion: 2,
        aliases: { [f.alias]: { functionVersion: '1', description: '', revisionId: randomUUID() } },
      };
      created = true;
    }
    if (created) this.#save();
  }

  #save() {
    writeJson(this.#file, this.#functions);
  }

  /** The function as seen from a region, or undefined (functions exist only in their region). */
  find(functionName, region) {
    const spec = this.#topology.functions.find(f => f.functionName === functionName);
    if (!spec || spec.region !== region || !this.#functions[functionName]) return undefined;
    return { spec, state: this.#functions[functionName] };
  }

  functionArn(spec, qualifier) {
    const arn = `arn:aws:lambda:${spec.region}:${this.#topology.accountId}:function:${spec.functionName}`;
    return qualifier ? `${arn}:${qualifier}` : arn;
  }

  lastUpdateStatus(state) {
    const started = state.latest.updateStartedAt;
    return started !== null && this.#clock.now() < started + this.#updateDelayMs ? 'InProgress' : 'Successful';
  }

  /** FunctionConfiguration of $LATEST or of a published version. */
  configuration(fn, version = '$LATEST') {
    const { spec, state } = fn;
    const snapshot = version === '$LATEST' ? state.latest : state.versions[version];
    const latest = version === '$LATEST';
    return {
      FunctionName: spec.functionName,
      FunctionArn: this.functionArn(spec, latest ? undefined : version),
      Runtime: 'nodejs20.x',
      Role: spec.roleArn,
      Handler: 'index.handler',
      CodeSize: snapshot.codeSize,
      Description: snapshot.description ?? '',
      Timeout: 10,
      MemorySize: 128,
      LastModified: lambdaTime(snapshot.lastModified),
      CodeSha256: snapshot.codeSha256,
      Version: version,
      Environment: { Variables: { ...spec.environment } },
      TracingConfig: { Mode: 'PassThrough' },
      RevisionId: snapshot.revisionId,
      State: 'Active',
      LastUpdateStatus: latest ? this.lastUpdateStatus(state) : 'Successful',
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
      LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${spec.functionName}` },
    };
  }

  /** @param {{ id: string, codeSha256: string, codeSize: number }} code as CodeStore.put returns it */
  updateCode(fn, code) {
    fn.state.latest = { codeId: code.id, codeSha256: code.codeSha256, codeSize: code.codeSize, placeholder: false, lastModified: this.#clock.now(), revisionId: randomUUID(), updateStartedAt: this.#clock.now() };
    this.#save();
  }

  /** Publishes $LATEST unless the newest version already has its code; returns the version. */
  publish(fn, description) {
    const { state } = fn;
    const numbers = Object.keys(state.versions).map(Number).sort((a, b) => b - a);
    const newest = numbers.length ? state.versions[numbers[0]] : undefined;
    if (newest && newest.codeSha256 === state.latest.codeSha256) return String(numbers[0]);
    const version = String(state.nextVersion++);
    state.versions[version] = { ...state.latest, updateStartedAt: null, revisionId: randomUUID(), description: description ?? '', lastModified: this.#clock.now() };
    this.#save();
    return version;
  }

  aliasConfiguration(fn, name) {
    const alias = fn.state.aliases[name];
    if (!alias) return undefined;
    return { AliasArn: this.functionArn(fn.spec, name), Name: name, FunctionVersion: alias.functionVersion, Description: alias.description ?? '', RevisionId: alias.revisionId };
  }

  setAlias(fn, name, { functionVersion, description }) {
    const current = fn.state.aliases[name] ?? { description: '' };
    fn.state.aliases[name] = { functionVersion: functionVersion ?? current.functionVersion, description: description ?? current.description, revisionId: randomUUID() };
    this.#save();
  }

  deleteAlias(fn, name) {
    delete fn.state.aliases[name];
    this.#save();
  }

  /** The version an alias, a version number or $LATEST stands for; undefined when none. */
  resolveQualifier(fn, qualifier) {
    if (!qualifier || qualifier === '$LATEST') return '$LATEST';
    if (/^\d+$/.test(qualifier)) return fn.state.versions[qualifier] ? qualifier : undefined;
    return fn.state.aliases[qualifier]?.functionVersion;
  }

  snapshot(fn, version) {
    return version === '$LATEST' ? fn.state.latest : fn.state.versions[version];
  }
}
