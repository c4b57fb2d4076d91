#!/usr/bin/env bash
# Ships the reference service: the release workflow's steps, runnable on one machine against the sandbox.
#
#   push VERSION           build the image with Jib (service/pom.xml, profile push-image: no Docker daemon) and push
#                          it to the ECR repository; prints the image reference the EcsApp names
#   deploy IMAGE           point the EcsApp (--app) at IMAGE (a merge patch of spec.image, field manager ship-service)
#   wait IMAGE             wait until the EcsApp's spec names IMAGE and it is Ready for that spec
#   check VERSION          GET the app's status.url + "version" and require that VERSION answers
#   all VERSION            push, deploy, wait and check
#
# flags (before or after the step):
#   --app NAMESPACE/NAME   the EcsApp (deploy, wait, check, all)
#   --repository NAME      the ECR repository (default reference-service; deploy/terraform makes it, the sandbox's
#                          main job too)
#   --revision SHA         the commit /version reports (default: git rev-parse HEAD)
#   --aws-endpoint URL     an AWS endpoint other than AWS's (the sandbox: http://127.0.0.1:4566); the registry is
#                          then that endpoint's host and port, over plain HTTP
#   --kubeconfig FILE      kubectl's kubeconfig (default: kubectl's own)
#   --connect-to HOST:PORT send the check to this address whatever status.url's host resolves to (the sandbox's
#                          load balancer listener on loopback); the Host header stays status.url's
#   --timeout DURATION     for wait, as kubectl takes it (default 15m)
#
# AWS credentials and region come from the environment, as the AWS CLI finds them. Maven arguments can be added with
# MAVEN_ARGS (Maven 3.9 reads it), for example MAVEN_ARGS=-o on a machine that has built the project before.
# Exit codes: 0 done, 1 a step failed, 2 bad usage.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

usage() {
  echo "ship-service.sh: $*" >&2
  exit 2
}
fail() {
  echo "ship-service.sh: $*" >&2
  exit 1
}

step= argument= app= repository=reference-service revision= endpoint= kubeconfig= connect_to= timeout=15m
while [ "$#" -gt 0 ]; do
  case "$1" in
    --app|--repository|--revision|--aws-endpoint|--kubeconfig|--connect-to|--timeout)
      [ "$#" -ge 2 ] && [ -n "$2" ] || usage "$1 needs a value"
      case "$1" in
        --app) app=$2 ;;
        --repository) repository=$2 ;;
        --revision) revision=$2 ;;
        --aws-endpoint) endpoint=$2 ;;
        --kubeconfig) kubeconfig=$2 ;;
        --connect-to) connect_to=$2 ;;
        --timeout) timeout=$2 ;;
      esac
      shift 2 ;;
    --*) usage "unknown flag '$1' (see the comment at the top of this script)" ;;
    *)
      if [ -z "$step" ]; then step=$1
      elif [ -z "$argument" ]; then argument=$1
      else usage "unexpected argument '$1'"
      fi
      shift ;;
  esac
done
case "$step" in
  push|deploy|wait|check|all) ;;
  "") usage "a step is needed: push, deploy, wait, check or all" ;;
  *) usage "unknown step '$step': expected push, deploy, wait, check or all" ;;
esac
case "$step" in deploy|wait) what=IMAGE ;; *) what=VERSION ;; esac
[ -n "$argument" ] || usage "$step needs its $what argument"
if [ "$step" != push ]; then
  [[ $app =~ ^[a-z0-9-]+/[a-z0-9.-]+$ ]] || usage "--app NAMESPACE/NAME is needed for $step (got '$app')"
fi
# A version becomes an image tag: ECR's tag characters, and no moving tag.
if [ "$step" = push ] || [ "$step" = all ] || [ "$step" = check ]; then
  [[ $argument =~ ^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$ ]] || usage "'$argument' is not a version usable as an image tag"
  [ "$argument" != latest ] || usage "'latest' is a moving tag; ship a version"
fi
if [ -n "$connect_to" ]; then
  [[ $connect_to =~ ^[^:/]+:[0-9]+$ ]] || usage "--connect-to: '$connect_to' is not HOST:PORT"
fi

# The AWS CLI, sent to the sandbox when --aws-endpoint names one.
aws() {
  if [ -n "$endpoint" ]; then command aws --endpoint-url "$endpoint" "$@"; else command aws "$@"; fi
}
kubectl_cli=(kubectl)
[ -z "$kubeconfig" ] || kubectl_cli+=(--kubeconfig "$kubeconfig")
namespace=${app%%/*} name=${app#*/}

push() {
  local version=$1 answer token registry push_to config image
  # One call gives both the registry (ACCOUNT.dkr.ecr.REGION.amazonaws.com) and the password for it.
  answer=$(aws ecr get-authorization-token --query 'authorizationData[0].[proxyEndpoint,authorizationToken]' \
    --output text) || fail "no ECR credentials (aws ecr get-authorization-token failed)"
  registry=$(echo "$answer" | cut -f1) token=$(echo "$answer" | cut -f2)
  registry=${registry#https://}
  # The reference the task definition names is in that registry; the bytes go there too, or to the sandbox's
  # registry API on its AWS port.
  local jib_flags=()
  push_to=$registry
  if [ -n "$endpoint" ]; then
    push_to=${endpoint#*://}
    push_to=${push_to%%/*}
    # Plain HTTP on loopback: Jib talks to it, and sends credentials over it, only when told to.
    jib_flags+=(-Djib.allowInsecureRegistries=true -DsendCredentialsOverHttp=true)
  fi
  # The token (base64 of AWS:password) as a Docker config that only this build reads: no password on a command line.
  config=$(mktemp -d)
  trap 'rm -rf "$config"' RETURN
  printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$push_to" "$token" >"$config/config.json"
  chmod 600 "$config/config.json"
  (cd "$root" && DOCKER_CONFIG=$config ./mvnw -B -ntp -q -pl service -am -DskipTests -Ppush-image package \
    -Dapp.version="$version" -Dgit.commit.id="${revision:-$(git rev-parse HEAD)}" \
    -Dimage="$push_to/$repository:$version" -Djib.console=plain "${jib_flags[@]}") >&2 \
    || fail "the image build or push failed (Maven's output above)"
  # The push is done once ECR's API shows the tag.
  aws ecr describe-images --repository-name "$repository" --image-ids imageTag="$version" \
    --query 'imageDetails[0].imageDigest' --output text >&2 || fail "ECR shows no image $repository:$version"
  echo "$registry/$repository:$version"
}

deploy() {
  "${kubectl_cli[@]}" -n "$namespace" patch ecsapp "$name" --type merge --field-manager ship-service \
    -p "{\"spec\":{\"image\":\"$1\"}}" >&2
}

wait_ready() {
  # First the new spec (with GitOps, once Argo CD or Flux has synced it), then Ready: kubectl wait also needs the
  # condition's observedGeneration to match the spec's generation, so the previous image's Ready does not count.
  "${kubectl_cli[@]}" -n "$namespace" wait "ecsapp/$name" --for=jsonpath='{.spec.image}'="$1" --timeout="$timeout" >&2
  if ! "${kubectl_cli[@]}" -n "$namespace" wait "ecsapp/$name" --for=condition=Ready --timeout="$timeout" >&2; then
    "${kubectl_cli[@]}" -n "$namespace" get "ecsapp/$name" -o yaml >&2
    fail "ecsapp/$name did not become Ready in $timeout"
  fi
}

check() {
  local version=$1 url answer host port
  url=$("${kubectl_cli[@]}" -n "$namespace" get "ecsapp/$name" -o jsonpath='{.status.url}')
  [ -n "$url" ] || fail "ecsapp/$name has no status.url"
  url="${url%/}/version"
  local curl_flags=(-sS --fail --max-time 10)
  if [ -n "$connect_to" ]; then
    host=${url#*://}
    host=${host%%/*}
    case "$url" in https://*) port=443 ;; *) port=80 ;; esac
    case "$host" in *:*) port=${host#*:} host=${host%%:*} ;; esac
    curl_flags+=(--connect-to "$host:$port:$connect_to")
  fi
  answer=$(curl "${curl_flags[@]}" "$url") || fail "GET $url failed"
  [[ $answer == *"\"version\":\"$version\""* ]] || fail "GET $url answered $answer, not version $version"
  echo "$url answers version $version" >&2
}

case "$step" in
  push) push "$argument" ;;
  deploy) deploy "$argument" ;;
  wait) wait_ready "$argument" ;;
  check) check "$argument" ;;
  all)
    image=$(push "$argument")
    deploy "$image"
    wait_ready "$image"
    check "$argument"
    echo "$image" ;;
esac
