// KMS (JSON 1.1, X-Amz-Target TrentService.*): one customer-managed key per region, found by alias,
// alias ARN, key id or key ARN — only in its own region, as KMS keys are regional.
import { awsError } from '../gateway/errors.mjs';
import { sendJson } from './respond.mjs';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const CREATED = Date.UTC(2024, 0, 1) / 1000;

export function createKmsService({ topology }) {
  const keyMetadata = r => ({
    AWSAccountId: topology.accountId,
    KeyId: r.kmsKeyId,
    Arn: r.kmsKeyArn,
    CreationDate: CREATED,
    Enabled: true,
    Description: `jamstack artifact store key (${r.region}, local)`,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
  });
  const aliasArn = (region, alias) => `arn:aws:kms:${region}:${topology.accountId}:${alias}`;

  function resolveKey(keyId, region) {
    if (!keyId) throw awsError(400, 'ValidationException', "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    const here = topology.regionOf(region);
    const arn = /^arn:aws:kms:([^:]+):(\d{12}):((?:key|alias)\/.+)$/.exec(keyId);
    if (arn) {
      const [, keyRegion, account, resource] = arn;
      if (keyRegion !== region || account !== topology.accountId) {
        throw awsError(400, 'NotFoundException', `Invalid arn ${keyRegion}: the request is signed for ${region}; a KMS key is used only in its own region`);
      }
      return resolveKey(resource.startsWith('key/') ? resource.slice(4) : resource, region);
    }
    if (keyId.startsWith('alias/')) {
      if (here?.kmsAlias === keyId) return here;
      throw awsError(400, 'NotFoundException', `Alias ${aliasArn(region, keyId)} is not found.`);
    }
    if (here?.kmsKeyId === keyId) return here;
    throw awsError(400, 'NotFoundException', `Key '${`arn:aws:kms:${region}:${topology.accountId}:key/${keyId}`}' does not exist`);
  }

  const operations = {
    DescribeKey: ({ body, region }) => ({ KeyMetadata: keyMetadata(resolveKey(body.KeyId, region)) }),
    ListAliases: ({ region }) => {
      const r = topology.regionOf(region);
      return { Aliases: r ? [{ AliasName: r.kmsAlias, AliasArn: aliasArn(region, r.kmsAlias), TargetKeyId: r.kmsKeyId }] : [], Truncated: false };
    },
    ListKeys: ({ region }) => {
      const r = topology.regionOf(region);
      return { Keys: r ? [{ KeyId: r.kmsKeyId, KeyArn: r.kmsKeyArn }] : [], Truncated: false };
    },
  };

  return {
    async handle({ request, res, region, requestId }) {
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
      sendJson(res, 200, operations[operation]({ body, region }), { contentType: CONTENT_TYPE, requestId });
    },
  };
}
