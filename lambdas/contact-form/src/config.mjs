// Function configuration, read once at cold start. A missing or malformed value
// stops the function before it serves a request, with one line naming the fix.

const REQUIRED = ['SENDER', 'RECIPIENT', 'ALLOWED_ORIGIN'];

export class ConfigurationError extends Error {
  name = 'ConfigurationError';
}

export function readConfig(env) {
  const missing = REQUIRED.filter((name) => !env[name] || env[name].trim() === '');
  if (missing.length === 1) {
    throw new ConfigurationError(`Missing environment variable ${missing[0]}: set it on the function`);
  }
  if (missing.length > 1) {
    throw new ConfigurationError(`Missing environment variables ${missing.join(', ')}: set them on the function`);
  }
  const config = {
    sender: env.SENDER.trim(),
    recipient: env.RECIPIENT.trim(),
    allowedOrigin: env.ALLOWED_ORIGIN.trim(),
  };
  for (const [name, value] of [['SENDER', config.sender], ['RECIPIENT', config.recipient]]) {
    if (!value.includes('@') || /[\r\n]/.test(value)) {
      throw new ConfigurationError(`Environment variable ${name} must be an email address such as contact@blog.example.com: got "${value}"`);
    }
  }
  if (!isOrigin(config.allowedOrigin)) {
    // A trailing slash or path would never equal a browser's Origin header, so CORS would silently fail.
    throw new ConfigurationError(
      `Environment variable ALLOWED_ORIGIN must be an origin such as https://blog.example.com (scheme, host, optional port; no path): got "${config.allowedOrigin}"`,
    );
  }
  return Object.freeze(config);
}

function isOrigin(value) {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
