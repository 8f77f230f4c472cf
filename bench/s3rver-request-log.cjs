// Preloaded (node --require) into the benchmark's s3rver: appends one line per request to the file named by
// BENCH_REQUEST_LOG, "<method> <url> <content-length>", written synchronously as the request arrives, so every request
// of a deploy is in the file when the deploy's process exits. bench/requests.mjs turns a slice of it into counts by S3
// operation and the bytes uploaded, the same way for every tool (counted at the server, not by the tools).
const fs = require('node:fs');
const http = require('node:http');

const file = process.env.BENCH_REQUEST_LOG;
if (!file) throw new Error('BENCH_REQUEST_LOG is not set; fix: name the file the request log is written to');
const fd = fs.openSync(file, 'a');
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function logRequests(event, request, ...rest) {
  if (event === 'request') fs.writeSync(fd, `${request.method} ${request.url} ${request.headers['content-length'] ?? 0}\n`);
  return emit.call(this, event, request, ...rest);
};
