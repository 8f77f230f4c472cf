// The CloudFront KeyValueStores infra/ renders for the local account, with AWS's ETag semantics: every write names
// the store's current ETag and gets a new one. One instance is shared by the data-plane API (which writes) and the
// local edge's cf.kvs() helper (which reads), so a write is visible to the edge on the very next request; real
// CloudFront propagates a write to its edge locations within seconds. State lives in <state>/cloudfront-keyvaluestore.
import { randomBytes } from 'node:crypto';
import { readJson, writeJson } from '../../state-file.mjs';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
// CloudFront KeyValueStore quotas: a key up to 512 bytes, a value up to 1 KB, a store up to 5 MB.
export const LIMITS = Object.freeze({ keyBytes: 512, valueBytes: 1024, storeBytes: 5 * 1024 * 1024 });

export class KeyValueStoreError extends Error {
  /** @param {'ResourceNotFoundException'|'ConflictException'|'ValidationException'|'ServiceQuotaExceededException'} code */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const newETag = () => `KV${[...randomBytes(13)].map(b => ALNUM[b % 36]).join('')}`;
const sizeOf = items => Object.entries(items).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);

export class KeyValueStores {
  #file;
  #stores;
  #clock;

  /**
   * @param {{ stores: { arn: string, name: string }[], stateFile: string, clock: { now(): number } }} options
   *   stores: what infra/ renders (model.keyValueStores of the local account); kept across restarts in stateFile.
   */
  constructor({ stores, stateFile, clock }) {
    this.#file = stateFile;
    this.#clock = clock;
    const saved = readJson(stateFile, {});
    this.#stores = new Map(stores.map(({ arn, name }) => [arn, saved[arn] ?? { name, etag: newETag(), created: clock.now(), lastModified: clock.now(), items: {} }]));
    this.#save();
  }

  get arns() {
    return [...this.#stores.keys()];
  }

  /** The store an id names (the last part of its ARN, as cf.kvs(id) takes it), or undefined. */
  arnOfId(id) {
    return this.arns.find(arn => arn.endsWith(`/${id}`));
  }

  describe(arn) {
    const store = this.#store(arn);
    return { arn, name: store.name, etag: store.etag, created: store.created, lastModified: store.lastModified, itemCount: Object.keys(store.items).length, totalSizeInBytes: sizeOf(store.items) };
  }

  /** The value, or undefined for a missing key. */
  get(arn, key) {
    const { items } = this.#store(arn);
    return Object.hasOwn(items, key) ? items[key] : undefined;
  }

  /** Keys in order, after `after` (exclusive), at most `limit`. */
  list(arn, { after, limit }) {
    const keys = Object.keys(this.#store(arn).items).sort();
    const start = after === undefined ? 0 : keys.findIndex(k => k > after);
    const page = start < 0 ? [] : keys.slice(start, start + limit);
    const more = start >= 0 && start + limit < keys.length;
    return { items: page.map(key => ({ key, value: this.#store(arn).items[key] })), last: more ? page.at(-1) : undefined };
  }

  /** Applies puts and deletes at once if ifMatch is the current ETag; returns the new description. */
  update(arn, ifMatch, { puts = [], deletes = [] }) {
    const store = this.#store(arn);
    if (!ifMatch) throw new KeyValueStoreError('ValidationException', 'The If-Match header is required: send the ETag from DescribeKeyValueStore or the previous write.');
    if (ifMatch !== store.etag) throw new KeyValueStoreError('ConflictException', `Pre-Condition failed: If-Match ${ifMatch} is not the store's current ETag.`);
    const items = { ...store.items };
    for (const { key, value } of puts) {
      if (typeof key !== 'string' || key.length === 0 || Buffer.byteLength(key) > LIMITS.keyBytes) throw new KeyValueStoreError('ValidationException', `Key must be 1 to ${LIMITS.keyBytes} bytes.`);
      if (typeof value !== 'string' || Buffer.byteLength(value) > LIMITS.valueBytes) throw new KeyValueStoreError('ValidationException', `Value of ${key} must be a string of at most ${LIMITS.valueBytes} bytes.`);
      items[key] = value;
    }
    for (const key of deletes) delete items[key];
    if (sizeOf(items) > LIMITS.storeBytes) throw new KeyValueStoreError('ServiceQuotaExceededException', `The store would hold more than ${LIMITS.storeBytes} bytes.`);
    Object.assign(store, { items, etag: newETag(), lastModified: this.#clock.now() });
    this.#save();
    return this.describe(arn);
  }

  #store(arn) {
    const store = this.#stores.get(arn);
    if (!store) throw new KeyValueStoreError('ResourceNotFoundException', `The key value store ${arn} was not found.`);
    return store;
  }

  #save() {
    writeJson(this.#file, Object.fromEntries(this.#stores));
  }
}
