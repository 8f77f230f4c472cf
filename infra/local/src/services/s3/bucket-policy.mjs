// The access rules infra/ writes for the local account's buckets, enforced before s3rver sees a
// request: artifact stores take writes from the build identity only and only with SSE-KMS under
// that region's key ARN, and are read by the deploy role; the site bucket is the deploy role's.
import { awsError } from '../../gateway/errors.mjs';
import { iamAction } from './operations.mjs';

const denied = (principal, operation, resource, why) =>
  awsError(403, 'AccessDenied', `User: ${principal.arn} is not authorized to perform: ${iamAction(operation.name)} on resource: "${resource}" ${why}`);

export function authorize({ topology, principal, operation, bucket, key, headers }) {
  const info = topology.bucket(bucket);
  const resource = `arn:aws:s3:::${bucket}${key ? `/${key}` : ''}`;
  if (!info) {
    // Buckets outside environments.json are scratch space for the build identity and the deploy role.
    if (principal.kind === 'function') throw denied(principal, operation, resource, 'because no identity-based policy allows it');
    return;
  }
  if (operation.bucketConfig && !operation.read) {
    throw denied(principal, operation, resource, 'because the bucket is managed by infra/ (Terraform), not by deploys');
  }
  switch (info.kind) {
    case 'artifact': {
      if (operation.read) {
        if (principal.kind === 'build' || principal.kind === 'deploy') return;
        throw denied(principal, operation, resource, 'because no resource-based policy allows it');
      }
      if (principal.kind !== 'build') {
        throw denied(principal, operation, resource, 'because no resource-based policy allows it (artifact stores are written by the build identity)');
      }
      if (operation.createsObject) {
        const region = topology.regionOf(info.region);
        const sse = headers['x-amz-server-side-encryption'];
        const keyId = headers['x-amz-server-side-encryption-aws-kms-key-id'];
        if (sse !== 'aws:kms' || keyId !== region.kmsKeyArn) {
          throw denied(principal, operation, resource,
            `with an explicit deny in a resource-based policy (the store requires x-amz-server-side-encryption: aws:kms and x-amz-server-side-encryption-aws-kms-key-id: ${region.kmsKeyArn}; got ${sse ?? 'none'} / ${keyId ?? 'none'})`);
        }
      }
      return;
    }
    case 'site':
      if (principal.kind === 'deploy') return;
      throw denied(principal, operation, resource, `because no resource-based policy allows it (the site bucket is written and read by the deploy role ${topology.deployRoleArn}; assume it first)`);
    case 'mail':
      return;
    default:
      throw denied(principal, operation, resource, 'because no resource-based policy allows it');
  }
}
