#!/usr/bin/env bash
# Profiles the measured phase of a pipeline load run with Linux perf (Debian's linux-perf): every process on the
# machine, call graphs, JIT-compiled .NET frames named through perf maps (DOTNET_PerfMapEnabled), native frames
# (librdkafka, RocksDB, the kernel) as they are. Writes the run's own report next to perf's, split by process,
# shared object and symbol.
#   eng/profile-pipeline.sh OUT_DIR [harness pipeline options...]
#   eng/profile-pipeline.sh /tmp/profile --portfolios 1000 --positions 20 --instruments 500 --rate 20000 --seconds 30
set -euo pipefail
out=${1:?usage: eng/profile-pipeline.sh OUT_DIR [pipeline options]}
shift
args=("$@")
seconds=30
for ((i = 0; i < ${#args[@]}; i++)); do
  [[ ${args[i]} == --seconds ]] && seconds=${args[i + 1]}
done

mkdir -p "$out"
cd "$(dirname "$0")/.."
dotnet build -c Release bench/RiskRadar.LoadHarness -v q -nologo > "$out/build.log" || { tail -20 "$out/build.log"; exit 1; }
export DOTNET_PerfMapEnabled=1
# JIT code double-mapped for W^X shows as memfd:doublemapper with no names; mapped once, perf maps name it.
export DOTNET_EnableWriteXorExecute=0
dotnet bench/RiskRadar.LoadHarness/bin/Release/net10.0/RiskRadar.LoadHarness.dll pipeline "${args[@]}" \
  --out "$out/run.md" --json "$out/run.json" > "$out/harness.log" 2>&1 &
harness=$!
trap 'kill $harness 2>/dev/null || true' EXIT

# The harness prints "measuring:" when the book and the warm-up history are in; sample the ticks' phase only.
until grep -q '^measuring:' "$out/harness.log"; do
  kill -0 $harness 2>/dev/null || { cat "$out/harness.log"; exit 1; }
  sleep 1
done
grep '^measuring:' "$out/harness.log"
perf record -a -g -F 199 -o "$out/perf.data" -- sleep "$seconds" 2> "$out/perf-record.log"
wait $harness || echo "harness exited $? (see $out/harness.log)"
trap - EXIT

perf report -i "$out/perf.data" --stdio --no-children --sort pid --percent-limit 1 -g none > "$out/by-process.txt" 2>/dev/null
perf report -i "$out/perf.data" --stdio --no-children --sort pid,dso --percent-limit 0.5 -g none > "$out/by-dso.txt" 2>/dev/null
perf report -i "$out/perf.data" --stdio --no-children --sort pid,sym --percent-limit 0.3 -g none > "$out/by-symbol.txt" 2>/dev/null
echo "profile in $out: by-process.txt, by-dso.txt, by-symbol.txt, run.md"
