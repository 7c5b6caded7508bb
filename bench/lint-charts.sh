#!/usr/bin/env bash
# What checking every chart a repository pins costs `lint`: the largest public repository of the corpus
# (sulibot-home-ops, 1,229 files, 121 HelmReleases), its charts fetched with --fetch-charts from a local OCI
# registry (Debian's docker-registry on 127.0.0.1): app-template 4.6.2 (74 HelmReleases, the chart and its library
# from ../shared/charts/popular) and kube-prometheus-stack (the shared 88.5.3 folder, repackaged under the version
# the repository pins, 82.18.0: the real chart's size and templates, not its exact release). Cilium is built in.
# Every other source of the copy points at the local registry too, where it is missing (a quick 404, a warning).
#
# Four runs, interleaved: `lint` without charts; `lint --fetch-charts` with an empty cache (the first run: fetch,
# analyse, cache); again with that cache (the second run: the archives and their analyses are read back, nothing is
# fetched or analysed; the sources the registry lacks are asked again); and `--offline` on that cache (no request at
# all). Instructions by callgrind (the same on every run), times the median of RUNS.
#
#   bash bench/lint-charts.sh            # prints a Markdown table; bench/RESULTS.md keeps each round by hand
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${BENCH_DIR:-/tmp/manifestgen-lint-charts}
runs=${RUNS:-11}
shared=${SHARED:-../shared}
registry=$(command -v docker-registry || echo /usr/bin/docker-registry)
[ -x "$registry" ] || { echo "needs Debian's docker-registry (.ci/run installs it)" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work"

# A native binary with function names and without DWARF (valgrind cannot read the debug file NativeAOT writes).
bash bench/publish-native.sh "$work/native" -p:StripSymbols=false >/dev/null 2>&1
objcopy --strip-debug "$work/native/manifestgen" "$work/mg"
mg="$work/mg"

# A registry of our own, on a free port.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
reg="127.0.0.1:$port"
cat > "$work/registry.yml" <<EOF
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/registry}}
http: {addr: $reg}
EOF
"$registry" serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://$reg/v2/" >/dev/null && break; sleep 0.1; done

# push REPOSITORY TAG ARCHIVE: a Helm chart as Helm pushes it (a config blob, the archive as the chart layer).
upload() {
  local repository=$1 file=$2 digest location
  digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
  location=$(curl -sfi -X POST "http://$reg/v2/$repository/blobs/uploads/" | tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')
  case "$location" in http*) ;; *) location="http://$reg$location" ;; esac
  curl -sf -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$file" "$location&digest=$digest" >/dev/null
  echo "$digest"
}
push() {
  local repository=$1 tag=$2 archive=$3 name=${1##*/}
  printf '{"name":"%s","version":"%s","apiVersion":"v2"}' "$name" "$tag" > "$work/config.json"
  local config layer
  config=$(upload "$repository" "$work/config.json")
  layer=$(upload "$repository" "$archive")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"%s","size":%s}]}' \
    "$config" "$(stat -c %s "$work/config.json")" "$layer" "$(stat -c %s "$archive")" > "$work/manifest.json"
  curl -sf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$work/manifest.json" \
    "http://$reg/v2/$repository/manifests/$tag" >/dev/null
}

# The charts, packaged as helm package packages them (one top folder, the chart's name).
mkdir -p "$work/charts/kps"
tar czf "$work/charts/app-template-4.6.2.tgz" -C "$shared/charts/popular" --transform 's,^app-template-4.6.2,app-template,' app-template-4.6.2
cp -r "$shared/charts/popular/kube-prometheus-stack-88.5.3" "$work/charts/kps/kube-prometheus-stack"
chmod -R u+w "$work/charts/kps"
sed -i 's/^version: 88.5.3$/version: 82.18.0/' "$work/charts/kps/kube-prometheus-stack/Chart.yaml"
tar czf "$work/charts/kube-prometheus-stack-82.18.0.tgz" -C "$work/charts/kps" kube-prometheus-stack
push bjw-s-labs/helm/app-template 4.6.2 "$work/charts/app-template-4.6.2.tgz"
push prometheus-community/charts/kube-prometheus-stack 82.18.0 "$work/charts/kube-prometheus-stack-82.18.0.tgz"

# The repository, its sources pointing at the local registry.
big="$work/repository"
cp -r "$shared/corpus/public/sulibot-home-ops" "$big"
chmod -R u+w "$big"
grep -rlZ -E '^kind: (OCIRepository|HelmRepository)' "$big" --include='*.yaml' | while IFS= read -r -d '' f; do
  sed -i -E "s#^(\s*)url: oci://[^/]+/#\1url: oci://$reg/#; s#^(\s*)url: https?://.*#\1url: oci://$reg/missing#; s#^spec:\$#spec:\n  insecure: true#" "$f"
done
git -C "$big" init -q && git -C "$big" add -A && git -C "$big" -c user.name=bench -c user.email=bench@localhost commit -qm input
files=$(find "$big" -name '*.yaml' -not -path '*/.git/*' | wc -l)
cache="$work/cache"

plain() { "$mg" lint "$big"; }
first() { rm -rf "$cache"; XDG_CACHE_HOME="$cache" "$mg" lint "$big" --fetch-charts; }
second() { XDG_CACHE_HOME="$cache" "$mg" lint "$big" --fetch-charts; }
offline() { XDG_CACHE_HOME="$cache" "$mg" lint "$big" --offline; }

instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" >/dev/null 2>"$work/vg.log" || true
  grep -oE 'Collected : [0-9]+' "$work/vg.log" | awk '{ print $3 }'
}
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# What the runs check (read once, outside the timing): the summary line of each.
first > "$work/first.out" 2>"$work/first.err" || true
second > "$work/second.out" 2>"$work/second.err" || true
plain > "$work/plain.out" 2>/dev/null || true
echo "without charts: $(tail -1 "$work/plain.out")" >&2
echo "first run: $(tail -1 "$work/first.out"); $(grep '^charts:' "$work/first.err")" >&2
echo "second run: $(tail -1 "$work/second.out"); $(grep '^charts:' "$work/second.err")" >&2

i_plain=$(instructions "$mg" lint "$big")
rm -rf "$cache"
i_first=$(XDG_CACHE_HOME="$cache" instructions "$mg" lint "$big" --fetch-charts)
i_second=$(XDG_CACHE_HOME="$cache" instructions "$mg" lint "$big" --fetch-charts)
i_offline=$(XDG_CACHE_HOME="$cache" instructions "$mg" lint "$big" --offline)

: > "$work/plain.ms"; : > "$work/first.ms"; : > "$work/second.ms"; : > "$work/offline.ms"
for _ in $(seq "$runs"); do
  ms plain >> "$work/plain.ms"
  ms first >> "$work/first.ms"
  ms second >> "$work/second.ms"
  ms offline >> "$work/offline.ms"
done
m_plain=$(median < "$work/plain.ms"); m_first=$(median < "$work/first.ms"); m_second=$(median < "$work/second.ms"); m_offline=$(median < "$work/offline.ms")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo "| \`lint\` of sulibot-home-ops ($files files) | instructions | vs. without charts | median of $runs (interleaved) | vs. without charts |"
echo "| --- | --- | --- | --- | --- |"
echo "| without charts (built-in Cilium only) | $(awk -v n="$i_plain" 'BEGIN { printf "%.1f M", n / 1e6 }') | 1.00x | $m_plain ms | 1.00x |"
echo "| \`--fetch-charts\`, first run (fetch, analyse, cache) | $(awk -v n="$i_first" 'BEGIN { printf "%.1f M", n / 1e6 }') | $(ratio "$i_first" "$i_plain") | $m_first ms | $(ratio "$m_first" "$m_plain") |"
echo "| \`--fetch-charts\`, second run (from the cache; the sources the registry lacks asked again) | $(awk -v n="$i_second" 'BEGIN { printf "%.1f M", n / 1e6 }') | $(ratio "$i_second" "$i_plain") | $m_second ms | $(ratio "$m_second" "$m_plain") |"
echo "| \`--offline\` (the same cache, no request) | $(awk -v n="$i_offline" 'BEGIN { printf "%.1f M", n / 1e6 }') | $(ratio "$i_offline" "$i_plain") | $m_offline ms | $(ratio "$m_offline" "$m_plain") |"
