// The 'cloudfront' module of CloudFront Functions 2.0 as far as key value stores go: cf.kvs() (or cf.kvs(id), the
// id of the associated store) returns a handle whose get(key, { format }), exists(key) and meta() read the store
// associated with the function. They read the same KeyValueStores the local KeyValueStore API writes, so a PutKey
// is seen by the next request; on CloudFront a write reaches the edge locations within seconds.

/** Thrown by get() for a missing key, as CloudFront's helper rejects (catch it, or call exists() first). */
class KeyNotFound extends Error {}

/**
 * @param {{ name: string, keyValueStore?: { arn: string, stores: import('../services/key-value-store/stores.mjs').KeyValueStores } }} options
 */
export function keyValueStoreModule({ name, keyValueStore }) {
  return {
    kvs(id) {
      if (!keyValueStore) throw new Error(`cf.kvs(): no KeyValueStore is associated with ${name} (key_value_store_associations in infra/)`);
      const storeId = keyValueStore.arn.split('/').pop();
      if (id !== undefined && id !== storeId) throw new Error(`cf.kvs('${id}'): ${name} is associated with store ${storeId} only`);
      const { arn, stores } = keyValueStore;
      return Object.freeze({
        async get(key, options = {}) {
          const format = options?.format ?? 'string';
          if (!['string', 'json', 'bytes'].includes(format)) throw new Error(`kvs.get('${key}'): format must be string, json or bytes, not ${format}`);
          const value = stores.get(arn, String(key));
          if (value === undefined) throw new KeyNotFound(`kvs.get('${key}'): the key does not exist in the associated key value store`);
          if (format === 'json') return JSON.parse(value);
          if (format === 'bytes') return new Uint8Array(Buffer.from(value, 'utf8'));
          return value;
        },
        async exists(key) {
          return stores.get(arn, String(key)) !== undefined;
        },
        async meta() {
          const d = stores.describe(arn);
          return { creationDateTime: new Date(d.created).toISOString(), lastUpdatedDateTime: new Date(d.lastModified).toISOString(), keyCount: d.itemCount };
        },
      });
    },
  };
}
