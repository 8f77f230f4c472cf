// CloudFront cache behaviour path patterns: matched against the request path without the query
// string, case-sensitively; `*` matches zero or more characters (slashes included), `?` exactly
// one; the leading "/" is optional ("images/*.jpg" is "/images/*.jpg"); the default behaviour is "*".

export function pathPatternMatcher(pattern) {
  const normalized = pattern === '*' || pattern.startsWith('/') ? pattern : `/${pattern}`;
  const source = [...normalized].map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  const regex = new RegExp(`^${source}$`, 's');
  return path => regex.test(path);
}
