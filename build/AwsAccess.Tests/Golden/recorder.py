#!/usr/bin/env python3
"""Records one AWS API request at a time and answers it with a canned, minimal valid response.

Used by record.sh to capture what AWS's own CLI sends (the golden files). Each request is written to
<out>/last.json: method, raw path, raw query, headers (lower-cased names), the SigV4 signed header names
and the body. The port is written to <out>/port once the server listens.
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

OUT = sys.argv[1]

CONFIG = {
    "FunctionName": "jamstack-dev-contact-form",
    "FunctionArn": "arn:aws:lambda:eu-central-1:333333333333:function:jamstack-dev-contact-form",
    "Runtime": "nodejs20.x", "Handler": "index.handler", "CodeSize": 1024,
    "CodeSha256": "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "Version": "$LATEST",
    "State": "Active", "LastUpdateStatus": "Successful",
    "RevisionId": "11111111-2222-3333-4444-555555555555",
}
ALIAS = {
    "AliasArn": "arn:aws:lambda:eu-central-1:333333333333:function:jamstack-dev-contact-form:live",
    "Name": "live", "FunctionVersion": "7", "Description": "", "RevisionId": "aaaaaaaa-2222-3333-4444-555555555555",
}
CF = "http://cloudfront.amazonaws.com/doc/2020-05-31/"
INVALIDATION = (f'<?xml version="1.0"?><Invalidation xmlns="{CF}"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status>'
                '<CreateTime>2024-01-01T00:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>1</Quantity>'
                '<Items><Path>/index.html</Path></Items></Paths><CallerReference>golden-ref</CallerReference>'
                '</InvalidationBatch></Invalidation>')
DISTRIBUTION = (f'<?xml version="1.0"?><Distribution xmlns="{CF}"><Id>E1DEVEXAMPLE00</Id>'
                '<ARN>arn:aws:cloudfront::333333333333:distribution/E1DEVEXAMPLE00</ARN><Status>Deployed</Status>'
                '<DomainName>d111111abcdef8.cloudfront.net</DomainName></Distribution>')
STS = "https://sts.amazonaws.com/doc/2011-06-15/"
ASSUMED = (f'<AssumeRoleResponse xmlns="{STS}"><AssumeRoleResult><Credentials><AccessKeyId>ASIAGOLDENASSUMED000</AccessKeyId>'
           '<SecretAccessKey>golden-assumed-secret</SecretAccessKey><SessionToken>golden-assumed-token</SessionToken>'
           '<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser>'
           '<AssumedRoleId>AROAGOLDEN:build-42</AssumedRoleId><Arn>arn:aws:sts::333333333333:assumed-role/jamstack-deploy/build-42</Arn>'
           '</AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>')
IDENTITY = (f'<GetCallerIdentityResponse xmlns="{STS}"><GetCallerIdentityResult><Arn>arn:aws:iam::222222222222:user/builder</Arn>'
            '<UserId>AIDAGOLDEN</UserId><Account>222222222222</Account></GetCallerIdentityResult>'
            '<ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></GetCallerIdentityResponse>')


def answer(method, path, body):
    """(status, content type, body, extra headers) for the operation the request is."""
    if path.startswith("/2015-03-31/functions/"):
        if "/aliases" in path:
            return (201 if method == "POST" else 200), "application/json", json.dumps(ALIAS), {}
        if path.endswith("/versions"):
            return 201, "application/json", json.dumps(dict(CONFIG, Version="8")), {}
        if path.endswith("/configuration") or path.endswith("/code"):
            return 200, "application/json", json.dumps(CONFIG), {}
        return 200, "application/json", json.dumps({"Configuration": CONFIG, "Code": {"RepositoryType": "S3"}}), {}
    if path.startswith("/2020-05-31/distribution/"):
        if path.endswith("/invalidation") and method == "POST":
            return 201, "text/xml", INVALIDATION, {"Location": "https://cloudfront.amazonaws.com" + path + "/I2J0I21PCUYOIK"}
        if "/invalidation/" in path:
            return 200, "text/xml", INVALIDATION, {}
        return 200, "text/xml", DISTRIBUTION, {"ETag": "E2QWRUHEXAMPLE"}
    action = parse_qs(body).get("Action", [""])[0]
    if action == "AssumeRole":
        return 200, "text/xml", ASSUMED, {}
    if action == "GetCallerIdentity":
        return 200, "text/xml", IDENTITY, {}
    return 400, "application/json", json.dumps({"__type": "UnknownOperationException", "message": path}), {}


class Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        path, _, query = self.path.partition("?")
        headers = {k.lower(): v for k, v in self.headers.items()}
        auth = headers.get("authorization", "")
        signed = auth.split("SignedHeaders=")[1].split(",")[0].split(";") if "SignedHeaders=" in auth else []
        record = {"method": self.command, "path": path, "query": query, "headers": headers,
                  "signedHeaders": signed, "body": body}
        with open(os.path.join(OUT, "last.json"), "w") as f:
            json.dump(record, f, indent=2, sort_keys=True)
            f.write("\n")
        status, ctype, text, extra = answer(self.command, path, body)
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", "golden-request")
        for k, v in extra.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = handle_any

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
with open(os.path.join(OUT, "port"), "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
