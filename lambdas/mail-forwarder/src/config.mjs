// Function configuration, read once at cold start. A missing or malformed value
// stops the function before it handles mail, with one line naming the fix.

const REQUIRED = ['MAIL_BUCKET', 'MAIL_PREFIX', 'FROM_ADDRESS', 'FORWARD_TO'];
// A bare address: the forwarder writes the display name itself.
const BARE_ADDRESS = /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\]+$/;

export class ConfigurationError extends Error {
  name = 'ConfigurationError';
}

export function readConfig(env) {
  // MAIL_PREFIX may be empty (mail stored at the bucket's root) but must be set,
  // so a forgotten variable is not mistaken for that choice.
  const missing = REQUIRED.filter((name) => env[name] === undefined || (name !== 'MAIL_PREFIX' && env[name].trim() === ''));
  if (missing.length === 1) {
    throw new ConfigurationError(`Missing environment variable ${missing[0]}: set it on the function`);
  }
  if (missing.length > 1) {
    throw new ConfigurationError(`Missing environment variables ${missing.join(', ')}: set them on the function`);
  }
  const config = {
    mailBucket: env.MAIL_BUCKET.trim(),
    mailPrefix: env.MAIL_PREFIX.trim(),
    fromAddress: env.FROM_ADDRESS.trim(),
    forwardTo: env.FORWARD_TO.trim(),
    // The loop marker's value: Lambda sets AWS_LAMBDA_FUNCTION_NAME; elsewhere the sending address names this forwarder.
    forwarderName: env.AWS_LAMBDA_FUNCTION_NAME?.trim() || env.FROM_ADDRESS.trim(),
  };
  for (const [name, value] of [['FROM_ADDRESS', config.fromAddress], ['FORWARD_TO', config.forwardTo]]) {
    if (!BARE_ADDRESS.test(value)) {
      throw new ConfigurationError(`Environment variable ${name} must be a bare email address such as forwarder@blog.example.com: got "${value}"`);
    }
  }
  return Object.freeze(config);
}
