#!/usr/bin/env bash
# Builds the NativeAOT manifestgen into OUT (default /tmp/manifestgen-native) and prints the binary's path.
# It is the plain `dotnet publish -r linux-x64 -p:PublishAot=true`: the project scopes CommandLineParser's
# IL2104 trim warning as a warning (every other warning is an error) and links with gcc where clang is
# absent. It builds from a copy of the sources so that a parallel `dotnet test` keeps its own obj/ folders.
# Arguments after OUT go to `dotnet publish` (bench/profile.sh passes -p:StripSymbols=false).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/manifestgen-native}
shift || true
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
cp -r "$repo/generator" "$repo/templates" "$repo/docs" "$repo/.editorconfig" "$repo/Directory.Build.props" "$repo/Directory.Packages.props" "$repo/nuget.config" "$repo/README.md" "$src/"
find "$src/generator" -name bin -o -name obj | xargs rm -rf
dotnet publish "$src/generator/ManifestGen.Cli" -c Release -r linux-x64 -p:PublishAot=true --nologo -v quiet -o "$out" "$@" >&2
echo "$out/manifestgen"
