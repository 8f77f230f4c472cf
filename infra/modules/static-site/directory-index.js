// CloudFront viewer-request function (cloudfront-js-2.0): maps every request to the release that serves it.
// 1. Directory index: S3 behind origin access control has none, so /blog/ and /blog ask for /blog/index.html.
// 2. Release: the key value store's "live" holds the live release ("12 9": live, then the one before it). A host
//    r<id>.preview.<domain> previews release <id> instead, whether it is live or not.
// 3. Where the path's bytes are: the store's key "<uri>" lists the releases that wrote the path (positive) or dropped
//    it (negative), ascending ("4 9 -12"); the release is served from the last entry at or below it, and a path with
//    no entry from release 1, which holds the whole first site. A deploy writes entries only for what it changed.
//    A hashed asset ("*7") is served from the release that stored it to every release: its name says its bytes.
// The URI is rewritten to /_releases/<release that stored it>/<path>. CloudFront's cache key is that rewritten URI, so
// a promote (one write of "live") needs no invalidation: the new release's paths are keys no edge has cached.
// With no "live" key (a site deployed in place), only the directory index applies.
import cf from 'cloudfront';

const kvs = cf.kvs();
const PREVIEW = /^r(\d+)\.preview\./;

async function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/') + 1) {
    uri = uri + '/index.html';
  }
  request.uri = uri;

  var host = request.headers.host ? request.headers.host.value : '';
  var preview = PREVIEW.exec(host);
  var release;
  if (preview) {
    release = Number(preview[1]);
  } else {
    var live = await valueOf('live');
    if (live === null) return request;
    release = Number(live.split(' ')[0]);
  }
  request.uri = '/_releases/' + storedIn(await valueOf(decodeURIComponent(uri)), release) + uri;
  return request;
}

async function valueOf(key) {
  try {
    return await kvs.get(key);
  } catch (e) {
    return null; // no such key
  }
}

// The release whose folder holds the path for `release`; a dropped path is looked up where it was dropped (no object: 404).
function storedIn(history, release) {
  if (history && history.charAt(0) === '*') return Number(history.slice(1));
  var entries = history ? history.split(' ') : [];
  for (var i = entries.length - 1; i >= 0; i--) {
    var entry = Number(entries[i]);
    if (Math.abs(entry) <= release) return Math.abs(entry);
  }
  return 1;
}
