// The global condition keys AWS puts into every request's context, for the principals the local
// cloud knows: role sessions (the build's CodeBuild role, the deploy role, execution roles) and
// AWS services acting on a resource's behalf (CloudFront, API Gateway, Lambda).

/**
 * The local cloud listens on plain HTTP on the loopback interface, where it stands for AWS's
 * HTTPS endpoints. Every request therefore counts as TLS: aws:SecureTransport is "true". This is
 * the only place that decides it; the buckets' DenyInsecureTransport statements are evaluated as
 * written and would deny a request whose context said otherwise.
 */
export const SECURE_TRANSPORT = 'true';

const isoSeconds = ms => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Context keys of a request made by a role session. */
export function sessionContext(principal, { now, region, sourceIp = '127.0.0.1' }) {
  return {
    'aws:PrincipalArn': principal.roleArn,
    'aws:PrincipalAccount': principal.account,
    'aws:PrincipalType': 'AssumedRole',
    'aws:userid': principal.userId,
    'aws:SecureTransport': SECURE_TRANSPORT,
    'aws:CurrentTime': isoSeconds(now),
    'aws:EpochTime': String(Math.floor(now / 1000)),
    'aws:SourceIp': sourceIp,
    ...(region ? { 'aws:RequestedRegion': region } : {}),
  };
}

/** Context keys of a request an AWS service makes for a resource (the confused-deputy keys). */
export function serviceContext({ now, sourceArn, sourceAccount }) {
  return {
    'aws:SecureTransport': SECURE_TRANSPORT,
    'aws:CurrentTime': isoSeconds(now),
    'aws:EpochTime': String(Math.floor(now / 1000)),
    ...(sourceArn ? { 'aws:SourceArn': sourceArn } : {}),
    ...(sourceAccount ? { 'aws:SourceAccount': sourceAccount } : {}),
  };
}
