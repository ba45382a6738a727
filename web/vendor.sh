#!/usr/bin/env bash
# Refreshes the front end's vendored libraries (web/static/vendor) from npm.
# Only the files the page loads are kept, each with its licence; VERSIONS
# records what was fetched. Run it by hand when updating a library (it needs
# npm and the network); building and running gmcr need neither.
set -euo pipefail
cd "$(dirname "$0")"
out=static/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# name@version  files to keep (relative to the package). cytoscape-dagre's
# build bundles the dagre layout library (MIT).
pkgs=(
  "codemirror@5.65.21 lib/codemirror.js lib/codemirror.css mode/yaml/yaml.js mode/javascript/javascript.js addon/edit/matchbrackets.js"
  "cytoscape@3.35.0 dist/cytoscape.min.js"
  "cytoscape-dagre@4.0.1 dist/cytoscape-dagre.min.js"
)
rm -rf "$out"
mkdir -p "$out"
: > "$out/VERSIONS"
for entry in "${pkgs[@]}"; do
  set -- $entry
  spec=$1; shift
  name=${spec%@*}
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  mkdir -p "$tmp/$name"
  tar -xzf "$tmp/$name-${spec##*@}.tgz" -C "$tmp/$name"
  mkdir -p "$out/$name"
  for f in "$@"; do
    cp "$tmp/$name/package/$f" "$out/$name/$(basename "$f")"
  done
  cp "$tmp/$name/package/"LICENSE* "$out/$name/LICENSE"
  license=$(node -e "console.log(require('$tmp/$name/package/package.json').license)")
  echo "$spec $license $*" >> "$out/VERSIONS"
done
