#!/usr/bin/env bash
# Counts where a native `manifestgen check` of the example cluster spends its instructions, with
# valgrind's callgrind (instruction counts are repeatable, whatever else the machine is doing).
#
#   bash bench/profile.sh [VERB ...]    # default: check; prints the costliest functions, inclusive
#
# callgrind 3.19 cannot read the DWARF 5 debug information NativeAOT writes ("unhandled dwarf2 abbrev
# form code 0x25"), and a stripped binary has no names. So the binary is built with its symbol table
# kept (StripSymbols=false) and its DWARF removed (objcopy --strip-debug): function names, no lines.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-/tmp/manifestgen-profile}
rm -rf "$work" && mkdir -p "$work"
verb=("${@:-check}")

bash bench/publish-native.sh "$work/native" -p:StripSymbols=false >/dev/null 2>&1
objcopy --strip-debug "$work/native/manifestgen" "$work/manifestgen"

cp -r tests/ManifestGen.Tests/Cases/example-cluster/input "$work/example"
"$work/manifestgen" generate --spec "$work/example/tuning.yaml" --root "$work/example" >/dev/null 2>&1
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$work/manifestgen" "${verb[@]}" --spec "$work/example/tuning.yaml" --root "$work/example" >/dev/null 2>"$work/valgrind.log" || true
grep -E "Collected" "$work/valgrind.log" | sed 's/^==[0-9]*== /instructions: /'
callgrind_annotate --inclusive=yes "$work/callgrind.out" 2>/dev/null \
  | grep -E '^ *[0-9,]+ \(' | grep -E 'ManifestGen_|Scriban_|YamlDotNet_|CommandLine_|InitializeModules|__managed__Main' \
  | head -${TOP:-40} | cut -c1-160
echo "full profile: callgrind_annotate --inclusive=yes $work/callgrind.out"
