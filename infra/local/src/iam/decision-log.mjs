// Every authorization decision, one JSON line each in <state>/iam/decisions.jsonl, next to the
// policies it was made under (<state>/iam/policies.json): what the least-privilege proof replays
// with one statement taken away at a time (least-privilege.mjs).
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJson } from '../state-file.mjs';

export const decisionsFile = stateDir => join(stateDir, 'iam', 'decisions.jsonl');
export const policiesFile = stateDir => join(stateDir, 'iam', 'policies.json');

export class DecisionLog {
  #file;

  /** Starts a new record: what one run of the local cloud decided, under the policies it ran with. */
  constructor(stateDir, model) {
    mkdirSync(join(stateDir, 'iam'), { recursive: true });
    this.#file = decisionsFile(stateDir);
    writeFileSync(this.#file, '');
    writeJson(policiesFile(stateDir), model);
  }

  record(entry) {
    appendFileSync(this.#file, `${JSON.stringify(entry)}\n`);
  }
}

/** The decisions recorded in a state dir, oldest first. */
export function readDecisions(stateDir) {
  let text;
  try {
    text = readFileSync(decisionsFile(stateDir), 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return [];
    throw err;
  }
  return text.split('\n').filter(Boolean).map(line => JSON.parse(line));
}
