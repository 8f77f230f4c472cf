#!/usr/bin/env bash
# Records the requests AWS's own CLI (Debian package awscli) sends for every Lambda, CloudFront and STS
# operation the deploy uses, into <operation>.json next to this script. GoldenRequestTests compare our
# clients' requests with these files. Needs: apt-get install -y awscli; python3.
# Usage: build/AwsAccess.Tests/Golden/record.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# The Debian package's CLI (AWS CLI v2 with AWS's service models); a pip-installed v1 earlier on PATH is not it.
aws=${AWS_CLI:-/usr/bin/aws}
"$aws" --version | grep -q '^aws-cli/2\.' || { echo "record.sh needs AWS CLI v2 (apt-get install -y awscli), or AWS_CLI=<path>" >&2; exit 1; }
work="$(mktemp -d)"
python3 "$here/recorder.py" "$work" &
recorder=$!
trap 'kill "$recorder" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do [[ -s "$work/port" ]] && break; sleep 0.1; done
endpoint="http://127.0.0.1:$(cat "$work/port")"

# Fixed identity and no local configuration: the recording depends on nothing of this machine.
export AWS_ACCESS_KEY_ID=AKIDGOLDEN0000000000 AWS_SECRET_ACCESS_KEY=golden-secret AWS_SESSION_TOKEN=golden-session-token
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" AWS_MAX_ATTEMPTS=1 AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_ENDPOINT_URL AWS_DEFAULT_REGION || true

record() { # record <operation> <region> <aws arguments...>
  local operation=$1 region=$2; shift 2
  rm -f "$work/last.json"
  "$aws" --endpoint-url "$endpoint" --region "$region" --no-cli-pager --output json "$@" >/dev/null
  python3 - "$work/last.json" "$here/$operation.json" "aws $*" <<'PY'
import json, sys
record = json.load(open(sys.argv[1]))
record = {"operation": sys.argv[2].rsplit("/", 1)[1][:-5], "awsCommand": sys.argv[3], **record}
with open(sys.argv[2], "w") as f:
    json.dump(record, f, indent=2, sort_keys=False)
    f.write("\n")
PY
  echo "recorded $operation"
}

fn=jamstack-dev-contact-form
record Lambda.GetFunction eu-central-1 lambda get-function --function-name "$fn"
record Lambda.GetFunctionConfiguration eu-central-1 lambda get-function-configuration --function-name "$fn"
record Lambda.GetFunctionConfiguration.Qualifier eu-central-1 lambda get-function-configuration --function-name "$fn" --qualifier live
record Lambda.UpdateFunctionCode eu-central-1 lambda update-function-code --function-name "$fn" \
  --s3-bucket jamstack-artifacts-222222222222-eu-central-1 --s3-key "jamstack/contact-form/1.2.3/abc123.zip" \
  --revision-id 11111111-2222-3333-4444-555555555555
record Lambda.PublishVersion eu-central-1 lambda publish-version --function-name "$fn" \
  --code-sha256 "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" --description "1.2.3 (abc1234)" \
  --revision-id 11111111-2222-3333-4444-555555555555
record Lambda.GetAlias eu-central-1 lambda get-alias --function-name "$fn" --name live
record Lambda.UpdateAlias eu-central-1 lambda update-alias --function-name "$fn" --name live --function-version 8 \
  --revision-id aaaaaaaa-2222-3333-4444-555555555555
record Lambda.CreateAlias eu-central-1 lambda create-alias --function-name "$fn" --name live --function-version 8 \
  --description "1.2.3 (abc1234)"
# CloudFront is signed for us-east-1 (its global endpoint's credential scope). The CLI signs an --endpoint-url
# request for --region, so it is given us-east-1 to record what it sends to the real endpoint.
record CloudFront.GetDistribution us-east-1 cloudfront get-distribution --id E1DEVEXAMPLE00
record CloudFront.CreateInvalidation us-east-1 cloudfront create-invalidation --distribution-id E1DEVEXAMPLE00 \
  --invalidation-batch '{"Paths":{"Quantity":3,"Items":["/index.html","/blog/*","/page-data/app-data.json"]},"CallerReference":"golden-ref"}'
record CloudFront.GetInvalidation us-east-1 cloudfront get-invalidation --distribution-id E1DEVEXAMPLE00 --id I2J0I21PCUYOIK
record Sts.GetCallerIdentity eu-central-1 sts get-caller-identity
record Sts.AssumeRole eu-central-1 sts assume-role --role-arn arn:aws:iam::333333333333:role/jamstack-deploy \
  --role-session-name build-42 --duration-seconds 900 --external-id golden-external-id
