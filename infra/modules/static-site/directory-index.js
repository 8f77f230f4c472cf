// CloudFront viewer-request function: S3 behind origin access control has no
// directory index, so /blog/ and /blog ask for /blog/index.html (Gatsby's layout).
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/') + 1) {
    request.uri = uri + '/index.html';
  }
  return request;
}
