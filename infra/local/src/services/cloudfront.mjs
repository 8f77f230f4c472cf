// CloudFront (REST-XML, API version 2020-05-31): the site's distribution and its invalidations.
// CloudFront is global: requests are signed for us-east-1. An invalidation is InProgress for a
// short while and then Completed, so deploys really wait for it.
import { randomBytes } from 'node:crypto';
import { awsError } from '../gateway/errors.mjs';
import { readJson, writeJson } from '../state-file.mjs';
import { el, parseXml } from '../xml.mjs';
import { isoSeconds, sendXml } from './respond.mjs';

const NS = { xmlns: 'http://cloudfront.amazonaws.com/doc/2020-05-31/' };
const ROUTES = [
  ['GET', /^\/2020-05-31\/distribution\/([^/]+)$/, 'GetDistribution'],
  ['GET', /^\/2020-05-31\/distribution\/([^/]+)\/config$/, 'GetDistributionConfig'],
  ['POST', /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/, 'CreateInvalidation'],
  ['GET', /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/, 'ListInvalidations'],
  ['GET', /^\/2020-05-31\/distribution\/([^/]+)\/invalidation\/([^/]+)$/, 'GetInvalidation'],
];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const CREATED = Date.UTC(2024, 0, 1);

export function createCloudFrontService({ topology, authorizer, stateFile, clock, invalidationDelayMs, siteEndpoint }) {
  const invalidations = readJson(stateFile, []);
  const distributionId = topology.site.distributionId;
  const status = inv => (clock.now() < inv.createTime + invalidationDelayMs ? 'InProgress' : 'Completed');
  const etag = `E${distributionId.slice(1, 13)}`;

  const invalidationXml = inv => el('Invalidation', [
    el('Id', inv.id), el('Status', status(inv)), el('CreateTime', isoSeconds(inv.createTime)),
    el('InvalidationBatch', [
      el('Paths', [el('Quantity', inv.paths.length), inv.paths.length ? el('Items', inv.paths.map(p => el('Path', p))) : '']),
      el('CallerReference', inv.callerReference),
    ]),
  ], NS);

  const distributionXml = () => {
    const inProgress = invalidations.filter(i => status(i) === 'InProgress').length;
    return el('Distribution', [
      el('Id', distributionId),
      el('ARN', `arn:aws:cloudfront::${topology.accountId}:distribution/${distributionId}`),
      el('Status', 'Deployed'),
      el('LastModifiedTime', isoSeconds(CREATED)),
      el('InProgressInvalidationBatches', inProgress),
      el('DomainName', new URL(siteEndpoint).host),
      el('ActiveTrustedSigners', [el('Enabled', 'false'), el('Quantity', 0)]),
      el('ActiveTrustedKeyGroups', [el('Enabled', 'false'), el('Quantity', 0)]),
      configXml(),
    ], NS);
  };

  const configXml = attributes => {
    const originId = `S3-${topology.site.bucket}`;
    return el('DistributionConfig', [
        el('CallerReference', `local-${distributionId}`),
        el('Aliases', [el('Quantity', 1), el('Items', [el('CNAME', topology.site.domain)])]),
        el('DefaultRootObject', 'index.html'),
        el('Origins', [el('Quantity', 1), el('Items', [el('Origin', [
          el('Id', originId),
          el('DomainName', `${topology.site.bucket}.s3.${topology.site.region}.amazonaws.com`),
          el('OriginPath', ''),
          el('CustomHeaders', [el('Quantity', 0)]),
          el('S3OriginConfig', [el('OriginAccessIdentity', '')]),
          el('ConnectionAttempts', 3),
          el('ConnectionTimeout', 10),
        ])])]),
        el('DefaultCacheBehavior', [
          el('TargetOriginId', originId),
          el('TrustedSigners', [el('Enabled', 'false'), el('Quantity', 0)]),
          el('TrustedKeyGroups', [el('Enabled', 'false'), el('Quantity', 0)]),
          el('ViewerProtocolPolicy', 'redirect-to-https'),
          el('AllowedMethods', [el('Quantity', 2), el('Items', [el('Method', 'HEAD'), el('Method', 'GET')]),
            el('CachedMethods', [el('Quantity', 2), el('Items', [el('Method', 'HEAD'), el('Method', 'GET')])])]),
          el('Compress', 'true'),
        ]),
        el('Comment', 'jamstack site (local cloud)'),
        el('PriceClass', 'PriceClass_100'),
        el('Enabled', 'true'),
        el('HttpVersion', 'http2'),
        el('IsIPV6Enabled', 'true'),
      ], attributes);
  };

  function createInvalidation(body) {
    let batch;
    try {
      batch = parseXml(body.toString('utf8')).InvalidationBatch;
    } catch {
      batch = undefined;
    }
    if (!batch) throw awsError(400, 'MalformedInput', 'Could not parse the request body as an InvalidationBatch');
    const paths = (batch.Paths?.Items?.Path ?? []).map(String);
    const quantity = Number(batch.Paths?.Quantity);
    const callerReference = String(batch.CallerReference ?? '');
    if (!callerReference) throw awsError(400, 'InvalidArgument', 'CallerReference is required.');
    if (quantity !== paths.length) throw awsError(400, 'InconsistentQuantities', 'The value of Quantity and the size of Items don\'t match.');
    if (paths.length === 0) throw awsError(400, 'InvalidArgument', 'Your request must contain at least one invalidation path.');
    const bad = paths.find(p => !p.startsWith('/') || (p.includes('*') && !p.endsWith('*')));
    if (bad) throw awsError(400, 'InvalidArgument', `Invalid path ${bad}: paths start with / and may end with a single *`);
    const same = invalidations.find(i => i.callerReference === callerReference);
    if (same) {
      if (JSON.stringify(same.paths) === JSON.stringify(paths)) return [same, 201];
      throw awsError(409, 'InvalidationBatchAlreadyExists', `An invalidation batch with CallerReference ${callerReference} already exists with different paths.`);
    }
    if (invalidations.filter(i => status(i) === 'InProgress').length >= 15 && paths.some(p => p.endsWith('*'))) {
      throw awsError(400, 'TooManyInvalidationsInProgress', 'Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations.');
    }
    const inv = { id: `I${[...randomBytes(13)].map(b => ALNUM[b % 36]).join('')}`, distributionId, callerReference, paths, createTime: clock.now() };
    invalidations.push(inv);
    writeJson(stateFile, invalidations);
    return [inv, 201];
  }

  return {
    async handle({ request, res, principal, region, requestId }) {
      if (region !== 'us-east-1') {
        throw awsError(403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region: CloudFront is signed for us-east-1, not '${region}'.`);
      }
      const match = ROUTES.map(([method, pattern, name]) => method === request.method && pattern.exec(request.rawPath) && { name, m: pattern.exec(request.rawPath) }).find(Boolean);
      if (!match) throw awsError(404, 'UnknownOperationException', `The local cloud's CloudFront does not implement ${request.method} ${request.rawPath}; it serves ${ROUTES.map(r => r[2]).join(', ')}`);
      const operation = match.name;
      const id = decodeURIComponent(match.m[1]);
      await authorizer.authorize({ principal, action: `cloudfront:${operation}`, resource: `arn:aws:cloudfront::${topology.accountId}:distribution/${id}`, region, protocol: 'rest-xml', operation: `cloudfront ${operation}` });
      if (id !== distributionId) throw awsError(404, 'NoSuchDistribution', 'The specified distribution does not exist.');
      switch (operation) {
        case 'GetDistribution':
          return sendXml(res, 200, distributionXml(), { etag }, requestId);
        case 'GetDistributionConfig':
          return sendXml(res, 200, configXml(NS), { etag }, requestId);
        case 'CreateInvalidation': {
          const [inv, statusCode] = createInvalidation(request.body);
          const location = `https://cloudfront.amazonaws.com/2020-05-31/distribution/${distributionId}/invalidation/${inv.id}`;
          return sendXml(res, statusCode, invalidationXml(inv), { location }, requestId);
        }
        case 'GetInvalidation': {
          const inv = invalidations.find(i => i.id === decodeURIComponent(match.m[2]));
          if (!inv) throw awsError(404, 'NoSuchInvalidation', 'The specified invalidation does not exist.');
          return sendXml(res, 200, invalidationXml(inv), {}, requestId);
        }
        case 'ListInvalidations': {
          const items = [...invalidations].reverse().slice(0, Number(request.query.MaxItems ?? 100));
          return sendXml(res, 200, el('InvalidationList', [
            el('Marker', request.query.Marker ?? ''), el('MaxItems', Number(request.query.MaxItems ?? 100)), el('IsTruncated', 'false'), el('Quantity', items.length),
            items.length ? el('Items', items.map(i => el('InvalidationSummary', [el('Id', i.id), el('CreateTime', isoSeconds(i.createTime)), el('Status', status(i))]))) : '',
          ], NS), {}, requestId);
        }
        default:
      }
    },
  };
}
