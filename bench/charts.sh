#!/usr/bin/env bash
# What the chart knowledge costs: a native `check` of the example cluster inside a real-size repository (the
# example as cluster-config/ beside a public repository of the shared corpus, about 700 YAML files), and
# `lint` of that whole repository and of each public corpus repository. Instruction counts come from
# valgrind's callgrind (they repeat from run to run); times are medians of RUNS runs.
#
#   bash bench/charts.sh                 # this checkout
#   BASE=6d2cf3b bash bench/charts.sh    # also the same check and lints by the build of another commit, for the ratio,
#                                        # and each lint run in turn with the base's (the median of the paired ratios)
#
# It prints a Markdown table; bench/RESULTS.md keeps the figures of each round by hand under "Notes".
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${BENCH_DIR:-/tmp/manifestgen-charts}
runs=${RUNS:-11}
corpus=${CORPUS:-../shared/corpus/public}
rm -rf "$work" && mkdir -p "$work"

# build DIR: a native binary with function names and without DWARF (see bench/profile.sh for why).
build() {
  bash "$1/bench/publish-native.sh" "$work/native-$2" -p:StripSymbols=false >/dev/null 2>&1
  objcopy --strip-debug "$work/native-$2/manifestgen" "$work/mg-$2"
  echo "$work/mg-$2"
}

mg=$(build "$repo" head)
base=""
if [ -n "${BASE:-}" ]; then
  git worktree add --detach "$work/base-src" "$BASE" >/dev/null 2>&1
  base=$(build "$work/base-src" base)
  git worktree remove --force "$work/base-src"
fi

# The repository: a real public one, with the example cluster as cluster-config/, committed.
big="$work/repository"
cp -r "$corpus/xunholy-k8s-gitops" "$big"
cp -r tests/ManifestGen.Tests/Cases/example-cluster/input "$big/cluster-config"
git -C "$big" init -q && git -C "$big" add -A && git -C "$big" -c user.name=bench -c user.email=bench@localhost commit -qm input
"$mg" generate --spec "$big/cluster-config/tuning.yaml" >/dev/null 2>&1
files=$(find "$big" -name '*.yaml' -not -path '*/.git/*' | wc -l)

instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" >/dev/null 2>"$work/vg.log" || true
  grep -oE 'Collected : [0-9]+' "$work/vg.log" | awk '{ printf "%.1f M", $3 / 1e6 }'
}
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] " ms" }'
}

# paired BASE-COMMAND -- COMMAND: the two run in turn (base, this checkout, base, ...), RUNS pairs, and the ratio of each
# pair's wall times is taken; the median of those ratios holds when the machine's speed drifts during the runs.
paired() {
  local b=() a=() seen=0
  for arg in "$@"; do
    if [ "$arg" = "--" ]; then seen=1; continue; fi
    if [ $seen -eq 0 ]; then b+=("$arg"); else a+=("$arg"); fi
  done
  local ratios=()
  for _ in $(seq "$runs"); do
    local s1 e1 s2 e2
    s1=$(date +%s%N); "${b[@]}" >/dev/null 2>&1 || true; e1=$(date +%s%N)
    s2=$(date +%s%N); "${a[@]}" >/dev/null 2>&1 || true; e2=$(date +%s%N)
    ratios+=($(awk -v a=$(( e2 - s2 )) -v b=$(( e1 - s1 )) 'BEGIN { printf "%.3f", a / b }'))
  done
  printf '%s\n' "${ratios[@]}" | sort -g | awk '{ r[NR] = $1 } END { printf "%.2fx (%.2fx to %.2fx)", r[int((NR + 1) / 2)], r[1], r[NR] }'
}

echo "| run | build | instructions | median |"
echo "| --- | --- | --- | --- |"
check=(check --spec "$big/cluster-config/tuning.yaml")
echo "| \`check\` of the example in a $files-file repository | this checkout | $(instructions "$mg" "${check[@]}") | $(median_ms "$mg" "${check[@]}") |"
[ -n "$base" ] && echo "| \`check\` of the example in a $files-file repository | $BASE | $(instructions "$base" "${check[@]}") | $(median_ms "$base" "${check[@]}") |"
echo "| \`lint\` of that repository | this checkout | $(instructions "$mg" lint "$big") | $(median_ms "$mg" lint "$big") |"
for r in "$corpus"/*/; do
  name=$(basename "$r")
  n=$(find "$r" -name '*.yaml' | wc -l)
  echo "| \`lint\` of $name ($n files) | this checkout | $(instructions "$mg" lint "$r") | $(median_ms "$mg" lint "$r") |"
  [ -n "$base" ] && echo "| \`lint\` of $name ($n files) | $BASE | $(instructions "$base" lint "$r") | $(median_ms "$base" lint "$r") |"
done
if [ -n "$base" ]; then
  echo
  echo "| run | this checkout / $BASE, interleaved: median of $runs paired wall-time ratios (range) |"
  echo "| --- | --- |"
  for r in "$corpus"/*/; do
    echo "| \`lint\` of $(basename "$r") | $(paired "$base" lint "$r" -- "$mg" lint "$r") |"
  done
fi
