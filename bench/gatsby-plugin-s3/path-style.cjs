// Preloaded (node --require) into gatsby-plugin-s3's CLI: the plugin builds its S3 client from .cache/s3.config.json,
// which has an endpoint but no path-style switch, and the local s3rver at 127.0.0.1 has no per-bucket host names.
// Path-style addressing is the one setting changed, the same one the other tools use against this server.
require('aws-sdk/lib/node_loader'); // it replaces AWS.config when first loaded: load it before setting anything
require('aws-sdk/lib/core').config.update({ s3ForcePathStyle: true });
