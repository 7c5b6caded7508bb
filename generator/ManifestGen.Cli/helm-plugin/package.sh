#!/usr/bin/env bash
# Builds the Helm 4 post-renderer plugin: OUT/manifestgen/ (plugin.yaml and bin/manifestgen, the NativeAOT
# linux-x64 binary) and OUT/manifestgen-VERSION.tgz, for `helm plugin install OUT/manifestgen` or the archive.
#
#   bash generator/ManifestGen.Cli/helm-plugin/package.sh [OUT]     # default OUT: artifacts/helm-plugin
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
out=$(mkdir -p "${1:-$repo/artifacts/helm-plugin}" && cd "${1:-$repo/artifacts/helm-plugin}" && pwd)
version=$(sed -n 's/^version: *//p' "$here/plugin.yaml")
rm -rf "$out/manifestgen" && mkdir -p "$out/manifestgen/bin"
cp "$here/plugin.yaml" "$out/manifestgen/plugin.yaml"
binary=$(bash "$repo/bench/publish-native.sh" "$out/native")
cp "$binary" "$out/manifestgen/bin/manifestgen"
rm -rf "$out/native"
tar -czf "$out/manifestgen-$version.tgz" -C "$out" manifestgen
echo "$out/manifestgen"
