// KMS (JSON 1.1, X-Amz-Target TrentService.*): the keys infra/ creates (one per artifact-store
// region, in the store's account), found by alias, alias ARN, key id or key ARN — only in their
// own region, and by alias only from their own account, as KMS does. Access is the key policy's
// and the caller's IAM policies' (iam/authorizer.mjs).
import { awsError } from '../gateway/errors.mjs';
import { sendJson } from './respond.mjs';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const CREATED = Date.UTC(2024, 0, 1) / 1000;

export function createKmsService({ authorizer }) {
  const keys = () => authorizer.policies.model.keys;
  const keyMetadata = k => ({
    AWSAccountId: k.account,
    KeyId: k.keyId,
    Arn: k.arn,
    CreationDate: CREATED,
    Enabled: true,
    Description: `rendered from ${k.origin}`,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
  });
  const aliasArn = (region, account, alias) => `arn:aws:kms:${region}:${account}:${alias}`;

  /** Key ids, aliases and ARNs resolve in the request's region; ids and aliases in the caller's account. */
  function resolveKey(keyId, region, callerAccount) {
    if (!keyId) throw awsError(400, 'ValidationException', "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    const arn = /^arn:aws:kms:([^:]+):(\d{12}):((?:key|alias)\/.+)$/.exec(keyId);
    let account = callerAccount;
    let name = keyId;
    if (arn) {
      const [, keyRegion, keyAccount, resource] = arn;
      if (keyRegion !== region) {
        throw awsError(400, 'NotFoundException', `Invalid arn ${keyRegion}: the request is signed for ${region}; a KMS key is used only in its own region`);
      }
      account = keyAccount;
      name = resource.startsWith('key/') ? resource.slice(4) : resource;
      if (resource.startsWith('alias/') && keyAccount !== callerAccount) {
        throw awsError(400, 'NotFoundException', `Alias ${keyId} is not found (aliases are usable only in their own account: use the key ARN).`);
      }
    }
    const here = keys().filter(k => k.region === region && k.account === account);
    if (name.startsWith('alias/')) {
      const found = here.find(k => k.aliases.includes(name));
      if (found) return found;
      throw awsError(400, 'NotFoundException', `Alias ${aliasArn(region, account, name)} is not found.`);
    }
    const found = here.find(k => k.keyId === name);
    if (found) return found;
    throw awsError(400, 'NotFoundException', `Key 'arn:aws:kms:${region}:${account}:key/${name}' does not exist`);
  }

  const operations = {
    DescribeKey: async ({ body, region, principal, authorize }) => {
      const key = resolveKey(body.KeyId, region, principal.account);
      await authorize('kms:DescribeKey', key.arn);
      return { KeyMetadata: keyMetadata(key) };
    },
    ListAliases: async ({ region, principal, authorize }) => {
      await authorize('kms:ListAliases', '*');
      const here = keys().filter(k => k.region === region && k.account === principal.account);
      return { Aliases: here.flatMap(k => k.aliases.map(a => ({ AliasName: a, AliasArn: aliasArn(region, k.account, a), TargetKeyId: k.keyId }))), Truncated: false };
    },
    ListKeys: async ({ region, principal, authorize }) => {
      await authorize('kms:ListKeys', '*');
      const here = keys().filter(k => k.region === region && k.account === principal.account);
      return { Keys: here.map(k => ({ KeyId: k.keyId, KeyArn: k.arn })), Truncated: false };
    },
  };

  return {
    async handle({ request, res, region, principal, requestId }) {
      const target = request.headers['x-amz-target'] ?? '';
      const operation = target.startsWith('TrentService.') ? target.slice('TrentService.'.length) : '';
      if (!Object.hasOwn(operations, operation)) {
        throw awsError(400, 'UnknownOperationException', `The local cloud's KMS does not implement ${target || '(no X-Amz-Target)'}; it serves ${Object.keys(operations).map(o => `TrentService.${o}`).join(', ')}`);
      }
      let body;
      try {
        body = request.body.length ? JSON.parse(request.body.toString('utf8')) : {};
      } catch {
        throw awsError(400, 'SerializationException', 'The request body is not valid JSON');
      }
      const authorize = (action, resource) => authorizer.authorize({ principal, action, resource, region, protocol: 'json', operation: `kms ${operation}` });
      sendJson(res, 200, await operations[operation]({ body, region, principal, authorize }), { contentType: CONTENT_TYPE, requestId });
    },
  };
}
