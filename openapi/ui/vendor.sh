#!/usr/bin/env bash
# Vendors the pinned Swagger UI release that /docs serves, from its npm
# package: the bundle and the stylesheet, pre-compressed (gzip -9, no name
# or time stamp, so the files are reproducible), and the package's licence
# and notice. Run it from anywhere with npm on PATH; commit the result.
set -euo pipefail
version=5.35.0
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "swagger-ui-dist@$version" >/dev/null && tar xzf "swagger-ui-dist-$version.tgz")
for f in swagger-ui-bundle.js swagger-ui.css; do
	gzip -9 -n -c "$tmp/package/$f" >"$f.gz"
done
cp "$tmp/package/LICENSE" LICENSE
cp "$tmp/package/NOTICE" NOTICE
echo "$version" >VERSION
