#!/usr/bin/env bash
# Builds the NativeAOT manifestgen into OUT (default /tmp/manifestgen-native) from a copy of the
# sources, so the runtime-specific restore does not touch the committed lock files. Arguments after
# OUT go to `dotnet publish` (bench/profile.sh passes -p:StripSymbols=false).
#
# Trimming: our own code has no trim warnings. CommandLineParser 2.9.1 reports one, IL2104 ("produced
# trim warnings"), about reflection inside the library; its option types are kept with
# DynamicDependency (Program.cs) and the native verbs are proven by tests/…/Distribution/NativeBuildTests.cs.
# IL2104 stays a visible warning here instead of an error; every other warning is still an error.
# This machine has gcc but no clang, so gcc links.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/manifestgen-native}
shift || true
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
cp -r "$repo/generator" "$repo/templates" "$repo/docs" "$repo/Directory.Build.props" "$repo/Directory.Packages.props" "$repo/nuget.config" "$repo/README.md" "$src/"
find "$src/generator" -name bin -o -name obj | xargs rm -rf
dotnet publish "$src/generator/ManifestGen.Cli" -c Release -r linux-x64 --nologo -v quiet \
  -p:PublishAot=true -p:CppCompilerAndLinker=gcc -p:WarningsNotAsErrors=IL2104 -o "$out" "$@" >&2
echo "$out/manifestgen"
