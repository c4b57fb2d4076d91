#!/usr/bin/env bash
# The version of a build, from the git ref it builds (the versioning of the reference architecture):
#   refs/tags/vX.Y.Z[-PRE]  ->  X.Y.Z[-PRE]                a release: the tag must be a semantic version
#   refs/heads/main         ->  YYYY.MM.DD-RUN-SHORTSHA    a development build: UTC date, run number, commit
# Anything else is refused, so that no image is ever pushed under a made-up version.
#
# usage: version.sh REF RUN_NUMBER SHA     (the release workflow passes github.ref, github.run_number, github.sha)
# Prints the version. With GITHUB_OUTPUT set, also writes version=, release= and prerelease= there for later steps.
# VERSION_DATE=YYYY.MM.DD replaces today's date (for tests).
set -euo pipefail

fail() {
  echo "version.sh: $*" >&2
  exit 1
}

[ "$#" -eq 3 ] || fail "usage: version.sh REF RUN_NUMBER SHA"
ref=$1 run=$2 sha=$3

[[ $run =~ ^[1-9][0-9]*$ ]] || fail "run number '$run' is not a positive integer"
[[ $sha =~ ^[0-9a-f]{7,40}$ ]] || fail "commit '$sha' is not a hexadecimal git SHA"

# Semantic Versioning 2.0.0: no leading zeros in numbers, optional dot-separated pre-release identifiers. Build
# metadata (+...) is refused because '+' cannot appear in an image tag.
number='(0|[1-9][0-9]*)'
identifier='(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)'
semver="^v${number}\.${number}\.${number}(-${identifier}(\.${identifier})*)?$"

case "$ref" in
  refs/tags/*)
    tag=${ref#refs/tags/}
    [[ $tag =~ $semver ]] || fail "tag '$tag' is not a release tag: expected vMAJOR.MINOR.PATCH, e.g. v1.2.3 or v1.2.3-rc.1"
    version=${tag#v}
    release=true
    if [[ $version == *-* ]]; then prerelease=true; else prerelease=false; fi
    ;;
  refs/heads/main)
    date=${VERSION_DATE:-$(date -u +%Y.%m.%d)}
    [[ $date =~ ^[0-9]{4}\.[0-9]{2}\.[0-9]{2}$ ]] || fail "date '$date' is not YYYY.MM.DD"
    version="${date}-${run}-${sha:0:7}"
    release=false
    prerelease=false
    ;;
  *)
    fail "ref '$ref' gets no version: only release tags (refs/tags/vX.Y.Z) and refs/heads/main are built for release"
    ;;
esac

# An image tag holds at most 128 characters.
[ "${#version}" -le 128 ] || fail "version '$version' is longer than an image tag may be (128)"

echo "$version"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "version=$version"
    echo "release=$release"
    echo "prerelease=$prerelease"
  } >>"$GITHUB_OUTPUT"
fi
