#!/usr/bin/env bash
# Waits for ECR's vulnerability scan of one pushed image and fails when it found anything of a blocking severity,
# so that the release workflow never deploys an image with, by default, a CRITICAL finding.
#
# usage: ecr-scan-gate.sh REPOSITORY TAG [BLOCKING]     BLOCKING: comma-separated severities, default CRITICAL
# Needs the AWS CLI (credentials and region from the environment) and jq.
# SCAN_POLL_ATTEMPTS (default 60) and SCAN_POLL_SECONDS (default 10) bound the wait.
#
# ECR's basic scanning ends in COMPLETE, enhanced scanning (Amazon Inspector) reports ACTIVE once it has results.
# When a repository does not scan on push, the scan is not found: after a few polls one is started here.
set -euo pipefail

fail() {
  echo "ecr-scan-gate: $*" >&2
  exit 1
}

if [ "$#" -lt 2 ] || [ "$#" -gt 3 ]; then
  fail "usage: ecr-scan-gate.sh REPOSITORY TAG [BLOCKING]"
fi
repository=$1 tag=$2 blocking=${3:-CRITICAL}
attempts=${SCAN_POLL_ATTEMPTS:-60}
interval=${SCAN_POLL_SECONDS:-10}
image="$repository:$tag"

findings=""
started=no
for ((i = 1; i <= attempts; i++)); do
  if ! answer=$(aws ecr describe-image-scan-findings --repository-name "$repository" --image-id "imageTag=$tag" \
    --output json 2>&1); then
    [[ $answer == *ScanNotFoundException* ]] || fail "describe-image-scan-findings for $image: $answer"
    # Scan on push may take a moment to register; only then is it really missing.
    if [ "$started" = no ] && [ "$i" -ge 3 ]; then
      echo "no scan of $image found: starting one"
      aws ecr start-image-scan --repository-name "$repository" --image-id "imageTag=$tag" >/dev/null \
        || echo "start-image-scan failed; waiting for a scan anyway" >&2
      started=yes
    fi
    sleep "$interval"
    continue
  fi
  status=$(jq -r '.imageScanStatus.status // "UNKNOWN"' <<<"$answer")
  case "$status" in
    COMPLETE | ACTIVE)
      findings=$answer
      break
      ;;
    IN_PROGRESS | PENDING | SCAN_ELIGIBILITY_EXPIRED_PENDING | UNKNOWN)
      sleep "$interval"
      ;;
    *)
      reason=$(jq -r '.imageScanStatus.description // ""' <<<"$answer")
      fail "the scan of $image ended $status${reason:+: $reason}"
      ;;
  esac
done
[ -n "$findings" ] || fail "no scan result for $image after $attempts polls $interval s apart"

counts=$(jq -c '.imageScanFindings.findingSeverityCounts // {}' <<<"$findings")
echo "scan of $image: $counts"
blocked=$(jq -r --arg blocking "$blocking" '
  ($blocking | split(",") | map(ascii_upcase | gsub("^ +| +$"; ""))) as $severities
  | to_entries | map(select((.key | IN($severities[])) and .value > 0)) | map("\(.value) \(.key)") | join(", ")' \
  <<<"$counts")
[ -z "$blocked" ] || fail "$image has $blocked finding(s); blocking severities: $blocking"
echo "no finding of a blocking severity ($blocking)"
