#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), JOBS at a time
# (default 1), seeding each corpus from the repository's own sources and
# bundle, and prints a table of runs and findings. Crashes land in
# fuzz/artifacts/<target>/; add each as a regression test before fixing it.
#   bash fuzz/run-all.sh [SECONDS] [JOBS]      (TARGETS="html feed" for some)
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${1:-600}
JOBS=${2:-1}
ROOT=..
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cargo +nightly fuzz build -O

seed() { # seed <target> <files...>
  mkdir -p "corpus/$1"
  local target=$1
  shift
  for f in "$@"; do [ -f "$f" ] && cp "$f" "corpus/$target/seed-$(basename "$f")"; done
  return 0
}
shopt -s nullglob globstar
seed markdown "$ROOT"/content/articles/*.md
seed listing "$ROOT"/content/listings/* "$ROOT"/crates/builder/tests/fixtures/listings/*
seed feed "$ROOT"/content/feeds/* "$ROOT"/crates/builder/tests/fixtures/feeds/*
seed html "$ROOT"/content/pages/*.html "$ROOT"/crates/builder/tests/fixtures/site/**/*.html
seed sniff "$ROOT"/content/**/*.* "$ROOT"/crates/builder/tests/fixtures/mixed/*
seed bundle "$ROOT"/dist/bundle/**/*.json
mkdir -p corpus/query
printf 'region=kashmir&q=may+day&from=2019&sort=oldest' > corpus/query/seed-1
printf 'section=reports&country=pakistan&country=sri-lanka&page=3&to=2024-05' > corpus/query/seed-2

run() {
  local target=$1 log="logs/$1.log"
  mkdir -p logs
  nice -n 19 cargo +nightly fuzz run -O "$target" -- -max_total_time="$SECONDS_EACH" -print_final_stats=1 >"$log" 2>&1 || true
  local runs rate found=none
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  if grep -q 'SUMMARY\|panicked\|deadly signal' "$log"; then found="CRASH (see $log, artifacts/$target/)"; fi
  # The time actually run (a crash stops a run early).
  printf '| %s | %s | %s s | %s |\n' "$target" "$runs" "$(( rate > 0 ? runs / rate : 0 ))" "$found"
}

echo "| target | runs | time | found |"
echo "|---|---:|---:|---|"
targets=(${TARGETS:-feed html listing markdown sniff bundle query})
for ((i = 0; i < ${#targets[@]}; i += JOBS)); do
  for t in "${targets[@]:i:JOBS}"; do run "$t" & done
  wait
done
