#!/usr/bin/env bash
# Measures manifestgen against the work Flux itself does, on this machine, and writes
# bench/RESULTS.md. Whole-process times are medians of RUNS runs; peak memory from /usr/bin/time.
#
#   bash bench/run.sh            # everything (a few minutes; kustomize on 2,000 documents dominates)
#   QUICK=1 bash bench/run.sh    # smaller sizes, for trying the script
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${BENCH_DIR:-/tmp/manifestgen-bench}
runs=${RUNS:-5}
rm -rf "$work" && mkdir -p "$work"

echo "== building manifestgen: the JIT build and the native (NativeAOT) build"
# The JIT build: the project publishes NativeAOT by default (PublishAot), so say otherwise.
dotnet publish generator/ManifestGen.Cli -c Release -p:PublishAot=false -o "$work/bin" --nologo -v quiet >/dev/null
jit="$work/bin/manifestgen"
native=$(bash bench/publish-native.sh "$work/native" 2>/dev/null)
mg=${MANIFESTGEN:-$native}

# median_ms CMD...: the median wall time of $runs runs, in milliseconds.
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# cpu_ms CMD...: the median CPU time (user + system, all threads) of $runs runs, in milliseconds.
cpu_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    # Before and after: python3 may be a launcher whose own children count as this process's.
    times+=($(python3 -c 'import resource, subprocess, sys
cpu = lambda r: r.ru_utime + r.ru_stime
before = cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(round((cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - before) * 1000))' "$@"))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# instructions CMD...: the instructions one run executes, counted by valgrind's callgrind (the same
# count on every run, whatever else the machine does); "-" without valgrind. The native build's
# DWARF 5 debug file beside it stops valgrind, so it counts a copy of the binary alone.
instructions() {
  command -v valgrind >/dev/null || { echo "-"; return; }
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ { print $4 }'
}

# peak_mb CMD...: the peak resident memory of one run, in MiB.
peak_mb() {
  /usr/bin/time -f '%M' -o "$work/time.out" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%.0f", $1 / 1024 }' "$work/time.out"
}

example=tests/ManifestGen.Tests/Cases/example-cluster/input
sizes=${SIZES:-"1 10 100 1000"}
[[ -n ${QUICK:-} ]] && sizes="1 10 100"

echo "== example cluster"
cp -r "$example" "$work/example"
"$mg" generate --spec "$work/example/tuning.yaml" --root "$work/example" >/dev/null 2>&1
# Runs this short vary by a few milliseconds with whatever else the machine does: take more of them.
example_check=$(runs=$(( runs > 21 ? runs : 21 )) median_ms "$mg" check --spec "$work/example/tuning.yaml" --root "$work/example")
example_mem=$(peak_mb "$mg" check --spec "$work/example/tuning.yaml" --root "$work/example")
example_check_jit=$(median_ms "$jit" check --spec "$work/example/tuning.yaml" --root "$work/example")

declare -A fleet_generate fleet_check fleet_cpu fleet_mem fleet_instructions
counted="$work/manifestgen-for-valgrind"
cp "$mg" "$counted"
for n in $sizes; do
  echo "== fleet of $n clusters"
  fleet="$work/fleet-$n"
  for i in $(seq -w 1 "$n"); do
    mkdir -p "$fleet/clusters/c$i"
    cp -r "$example/." "$fleet/clusters/c$i/"
    sed -i "s/name: home/name: c$i/; s/limitVolumeSize: 10Ti/limitVolumeSize: $((10#$i % 50 + 1))Ti/; s/tcpMax: 524288/tcpMax: $((524288 + 10#$i))/" "$fleet/clusters/c$i/tuning.yaml"
  done
  cp -r "$fleet" "$fleet.pristine"
  start=$(date +%s%N)
  "$mg" generate --spec "$fleet/clusters" --root "$fleet" >/dev/null 2>&1
  fleet_generate[$n]=$(( ($(date +%s%N) - start) / 1000000 ))
  fleet_runs=$runs; [[ $n -le 10 && $runs -lt 21 ]] && fleet_runs=21
  fleet_check[$n]=$(runs=$fleet_runs median_ms "$mg" check --spec "$fleet/clusters" --root "$fleet")
  fleet_cpu[$n]=$(runs=$fleet_runs cpu_ms "$mg" check --spec "$fleet/clusters" --root "$fleet")
  # Counting 1,000 clusters under valgrind takes about ten minutes; up to 100 tells the slope.
  fleet_instructions[$n]="-"
  [[ $n -le 100 ]] && fleet_instructions[$n]=$(instructions "$counted" check --spec "$fleet/clusters" --root "$fleet")
  fleet_mem[$n]=$(peak_mb "$mg" check --spec "$fleet/clusters" --root "$fleet")
  rm -rf "$fleet.pristine"
done

declare -A pr_ours pr_ours_mem pr_kustomize pr_kustomize_mem pr_size
streams=${STREAMS:-"2000 20000"}
[[ -n ${QUICK:-} ]] && streams="500"
# Two document sizes: small Deployments (about 35 lines), and real-size ones (the observed
# trident-controller as kubectl prints it, about 115 lines).
cases=()
for n in $streams; do cases+=("$n:small" "$n:real"); done
for c in "${cases[@]}"; do
  n=${c%%:*}; kind=${c##*:}
  echo "== post-render over $n $kind Deployments"
  dir="$work/stream-$n-$kind"
  flag=""; [[ $kind == real ]] && flag="--real-size"
  python3 bench/make_stream.py "$dir" "$n" $flag
  pr_size[$c]=$(awk -v b="$(stat -c %s "$dir/app/stream.yaml")" 'BEGIN { printf "%.1f MB", b / 1e6 }')
  pr_ours[$c]=$(median_ms sh -c "'$mg' post-render --spec '$dir/tuning.yaml' --root '$dir' < '$dir/app/stream.yaml'")
  pr_ours_mem[$c]=$(peak_mb sh -c "'$mg' post-render --spec '$dir/tuning.yaml' --root '$dir' < '$dir/app/stream.yaml'")
  if [[ $n -le ${KUSTOMIZE_MAX:-2000} ]]; then
    # The patches, from the tool itself: generate reads target files of at most 4 MiB, so it writes them
    # from the targeted Deployments alone (the same documents), and kustomize then builds the whole stream.
    mv "$dir/app/stream.yaml" "$dir/stream.full.yaml"
    cp "$dir/app/targeted.yaml" "$dir/app/stream.yaml"
    "$mg" generate --spec "$dir/tuning.yaml" --root "$dir" >/dev/null
    mv "$dir/stream.full.yaml" "$dir/app/stream.yaml"
    # The same patches, as kustomize (the engine of helm-controller's post-renderer) applies them; one run
    # of each, timed together, so that both face the same machine.
    kruns=$runs; [[ $n -ge 2000 ]] && kruns=3
    pr_kustomize[$c]=$(runs=$kruns median_ms kubectl kustomize "$dir/app")
    pr_kustomize_mem[$c]=$(peak_mb kubectl kustomize "$dir/app")
    # Both must produce the same objects; a benchmark of a wrong answer proves nothing.
    "$mg" post-render --spec "$dir/tuning.yaml" --root "$dir" < "$dir/app/stream.yaml" | grep -c -- '--kube-api-qps=50' > "$work/ours.count"
    kubectl kustomize "$dir/app" | grep -c -- '--kube-api-qps=50' > "$work/kustomize.count"
    cmp -s "$work/ours.count" "$work/kustomize.count" || { echo "post-render and kustomize disagree on $c"; exit 1; }
  else
    pr_kustomize[$c]="not run"
    pr_kustomize_mem[$c]="-"
  fi
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0 || a !~ /^[0-9]+$/) print "-"; else printf "%.1fx", a / b }'; }

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bash bench/run.sh\` on $(date -u +%Y-%m-%d). Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ { print $2 }') GiB,"
  echo "$(dotnet --version | sed 's/^/.NET SDK /'), kubectl $(kubectl version --client 2>/dev/null | awk '/Kustomize/ { print "with kustomize " $3 }')."
  echo "manifestgen runs as the native build (\`bash bench/publish-native.sh\`, NativeAOT) unless a row says JIT"
  echo "(\`dotnet publish -c Release\`, framework-dependent)."
  echo "Times are medians of $runs runs of the whole process (21 for the example and fleets up to 10 clusters; kustomize on 2,000 documents: 3 runs); memory is the peak resident size."
  echo
  echo "## Example cluster"
  echo
  echo "| command | median | peak memory |"
  echo "| --- | --- | --- |"
  echo "| \`check\` on cluster-config (generated), native | ${example_check} ms | ${example_mem} MiB |"
  echo "| \`check\` on cluster-config (generated), JIT | ${example_check_jit} ms | - |"
  echo
  echo "## Fleet"
  echo
  echo "\"per cluster\" divides the whole run by N. \"added per cluster\" takes the run of one cluster off first,"
  echo "(T(N) - T(1)) / (N - 1): what each further cluster costs. CPU is user plus system time of all threads."
  echo "Instructions are counted by callgrind on one run (up to 100 clusters), the same on every run."
  echo
  echo "| clusters | \`generate\` (one run) | \`check\` median | per cluster | added per cluster | CPU of \`check\` | CPU per cluster | instructions added per cluster | peak memory of \`check\` |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  first=${sizes%% *}
  for n in $sizes; do
    added="-"
    [[ $n -gt $first ]] && added="$(awk -v t="${fleet_check[$n]}" -v t1="${fleet_check[$first]}" -v n="$n" -v n1="$first" 'BEGIN { printf "%.2f", (t - t1) / (n - n1) }') ms"
    added_instructions="-"
    [[ $n -gt $first && ${fleet_instructions[$n]} =~ ^[0-9]+$ && ${fleet_instructions[$first]} =~ ^[0-9]+$ ]] &&
      added_instructions="$(awk -v t="${fleet_instructions[$n]}" -v t1="${fleet_instructions[$first]}" -v n="$n" -v n1="$first" 'BEGIN { printf "%.1f M", (t - t1) / (n - n1) / 1e6 }')"
    echo "| $n | ${fleet_generate[$n]} ms | ${fleet_check[$n]} ms | $(awk -v t="${fleet_check[$n]}" -v n="$n" 'BEGIN { printf "%.2f", t / n }') ms | $added | ${fleet_cpu[$n]} ms | $(awk -v t="${fleet_cpu[$n]}" -v n="$n" 'BEGIN { printf "%.2f", t / n }') ms | $added_instructions | ${fleet_mem[$n]} MiB |"
  done
  echo
  echo "## post-render against kustomize"
  echo
  echo "One Deployment in 100 is targeted by a workload tuning. kustomize builds a kustomization over the same"
  echo "stream with the JSON6902 patches manifestgen emits (the kustomization delivery: the same operations"
  echo "and targets as the post-renderer delivery). Small Deployments are about 35 lines; real-size ones are the"
  echo "observed trident-controller as \`kubectl get -o yaml\` prints it (managedFields, status, six containers),"
  echo "about 115 lines. post-render parses only the targeted documents; the others are copied as read."
  echo
  echo "| Deployments (targeted) | documents | stream | \`manifestgen post-render\` | peak | \`kubectl kustomize\` | peak | kustomize / manifestgen |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  for c in "${cases[@]}"; do
    n=${c%%:*}; kind=${c##*:}
    k=${pr_kustomize[$c]}; [[ $k =~ ^[0-9]+$ ]] && k="$k ms"
    echo "| $n ($((n / 100))) | $kind | ${pr_size[$c]} | ${pr_ours[$c]} ms | ${pr_ours_mem[$c]} MiB | $k | ${pr_kustomize_mem[$c]} MiB | $(ratio "${pr_kustomize[$c]}" "${pr_ours[$c]}") |"
  done
} > "$work/RESULTS.table.md"
cat "$work/RESULTS.table.md"
if [[ -z ${QUICK:-} ]]; then
  # Keep the hand-written notes that follow the generated tables.
  notes=""
  [[ -f bench/RESULTS.md ]] && notes=$(awk '/^## Notes/ { keep = 1 } keep' bench/RESULTS.md)
  { cat "$work/RESULTS.table.md"; [[ -n $notes ]] && { echo; echo "$notes"; }; } > bench/RESULTS.md
  echo "== wrote bench/RESULTS.md"
fi
