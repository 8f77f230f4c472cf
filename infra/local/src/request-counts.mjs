// How many requests of each kind the local cloud has served since it started, for tests that count writes: a
// rollback must be one KeyValueStore write, no S3 write and no invalidation. Kept in <state>/requests.json, which
// `cli.mjs status` prints as "requests": { "<service>": { "read": n, "write": n } } (successful requests only).
import { join } from 'node:path';
import { readJson, writeJson } from './state-file.mjs';

export const requestCountsFile = stateDir => join(stateDir, 'requests.json');

/** A successful GET or HEAD is a read; every other method writes (S3 PutObject/DeleteObjects, CreateInvalidation, PutKey). */
export const kindOf = method => (method === 'GET' || method === 'HEAD' ? 'read' : 'write');

export class RequestCounts {
  #file;
  #counts = {};

  constructor(stateDir) {
    this.#file = requestCountsFile(stateDir);
    writeJson(this.#file, this.#counts);
  }

  record(service, kind) {
    const perService = (this.#counts[service] ??= {});
    perService[kind] = (perService[kind] ?? 0) + 1;
    writeJson(this.#file, this.#counts);
  }

  get counts() {
    return structuredClone(this.#counts);
  }
}

/** The counts a running (or stopped) local cloud left in its state dir. */
export const readRequestCounts = stateDir => readJson(requestCountsFile(stateDir), {});
