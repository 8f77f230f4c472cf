// The CloudFront KeyValueStore data plane (REST-JSON, signed with SigV4A for region set "*"; AWS serves it at
// <account>.cloudfront-kvs.global.api.aws): DescribeKeyValueStore, GetKey, ListKeys, PutKey, DeleteKey, UpdateKeys,
// each authorized as cloudfront-keyvaluestore:<Operation> on the store's ARN against the policies infra/ renders.
import { awsError } from '../../gateway/errors.mjs';
import { ALGORITHM_V4A } from '../../gateway/sigv4a.mjs';
import { sendJson } from '../respond.mjs';
import { KeyValueStoreError } from './stores.mjs';

const PREFIX = '/key-value-stores/';
const STATUS = { ResourceNotFoundException: 404, ConflictException: 409, ValidationException: 400, ServiceQuotaExceededException: 402 };
const MAX_RESULTS = 50;

/** "/key-value-stores/<arn>[/keys[/<key>]]" with labels escaped → { operation, arn, key }. */
function route(method, rawPath) {
  if (!rawPath.startsWith(PREFIX)) return undefined;
  const [arnLabel, keys, keyLabel, ...rest] = rawPath.slice(PREFIX.length).split('/');
  if (rest.length || !arnLabel) return undefined;
  const decode = label => {
    try {
      return decodeURIComponent(label);
    } catch {
      throw awsError(400, 'ValidationException', `${label} is not a valid URI label.`);
    }
  };
  const arn = decode(arnLabel);
  if (keys === undefined) return method === 'GET' ? { operation: 'DescribeKeyValueStore', arn } : undefined;
  if (keys !== 'keys') return undefined;
  const operation = keyLabel === undefined ? { GET: 'ListKeys', POST: 'UpdateKeys' }[method] : { GET: 'GetKey', PUT: 'PutKey', DELETE: 'DeleteKey' }[method];
  if (!operation) return undefined;
  return keyLabel === undefined ? { operation, arn } : { operation, arn, key: decode(keyLabel) };
}

function jsonBody(request) {
  if (!request.body.length) return {};
  try {
    const value = JSON.parse(request.body.toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch { /* refused below */ }
  throw awsError(400, 'ValidationException', 'The request body is not a JSON object.');
}

const epochSeconds = ms => ms / 1000;

/**
 * @param {{ stores: import('./stores.mjs').KeyValueStores, authorizer: object }} options
 */
export function createKeyValueStoreService({ stores, authorizer }) {
  const handlers = {
    DescribeKeyValueStore: ({ arn }) => {
      const d = stores.describe(arn);
      return [{ ItemCount: d.itemCount, TotalSizeInBytes: d.totalSizeInBytes, KvsARN: arn, Created: epochSeconds(d.created), LastModified: epochSeconds(d.lastModified), Status: 'READY' }, d.etag];
    },
    GetKey: ({ arn, key }) => {
      const value = stores.get(arn, key);
      if (value === undefined) throw new KeyValueStoreError('ResourceNotFoundException', `The key ${key} was not found.`);
      const d = stores.describe(arn);
      return [{ Key: key, Value: value, ItemCount: d.itemCount, TotalSizeInBytes: d.totalSizeInBytes }];
    },
    ListKeys: ({ arn }, request) => {
      const max = request.query.MaxResults === undefined ? MAX_RESULTS : Number(request.query.MaxResults);
      if (!Number.isInteger(max) || max < 1 || max > MAX_RESULTS) throw new KeyValueStoreError('ValidationException', `MaxResults must be 1 to ${MAX_RESULTS}.`);
      const after = request.query.NextToken === undefined ? undefined : Buffer.from(String(request.query.NextToken), 'base64url').toString('utf8');
      const { items, last } = stores.list(arn, { after, limit: max });
      return [{ Items: items.map(i => ({ Key: i.key, Value: i.value })), ...(last === undefined ? {} : { NextToken: Buffer.from(last).toString('base64url') }) }];
    },
    PutKey: ({ arn, key }, request) => write(arn, request, { puts: [{ key, value: jsonBody(request).Value }] }),
    DeleteKey: ({ arn, key }, request) => {
      if (stores.get(arn, key) === undefined) throw new KeyValueStoreError('ResourceNotFoundException', `The key ${key} was not found.`);
      return write(arn, request, { deletes: [key] });
    },
    UpdateKeys: ({ arn }, request) => {
      const body = jsonBody(request);
      const puts = (body.Puts ?? []).map(p => ({ key: p?.Key, value: p?.Value }));
      const deletes = (body.Deletes ?? []).map(d => d?.Key);
      if (!puts.length && !deletes.length) throw new KeyValueStoreError('ValidationException', 'UpdateKeys needs at least one of Puts and Deletes.');
      return write(arn, request, { puts, deletes });
    },
  };

  function write(arn, request, change) {
    const d = stores.update(arn, request.headers['if-match'], change);
    return [{ ItemCount: d.itemCount, TotalSizeInBytes: d.totalSizeInBytes }, d.etag];
  }

  return {
    async handle({ request, res, principal, auth, requestId }) {
      if (auth.algorithm !== ALGORITHM_V4A) throw awsError(403, 'InvalidSignatureException', `The KeyValueStore API accepts only ${ALGORITHM_V4A} (SigV4A) signatures with X-Amz-Region-Set: *`);
      const target = route(request.method, request.rawPath);
      if (!target) throw awsError(404, 'UnknownOperationException', `The local cloud's KeyValueStore API does not implement ${request.method} ${request.rawPath}; it serves ${Object.keys(handlers).join(', ')}`);
      // Global service: IAM sees us-east-1 as the requested region, whatever the region set.
      await authorizer.authorize({ principal, action: `cloudfront-keyvaluestore:${target.operation}`, resource: target.arn, region: 'us-east-1', protocol: 'rest-json', operation: `cloudfront-keyvaluestore ${target.operation}` });
      try {
        const [body, etag] = handlers[target.operation](target, request);
        return sendJson(res, 200, body, { requestId, headers: etag ? { etag } : {} });
      } catch (err) {
        if (err instanceof KeyValueStoreError) throw awsError(STATUS[err.code], err.code, err.message);
        throw err;
      }
    },
  };
}
