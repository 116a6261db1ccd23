#!/usr/bin/env bash
# Fuzzes quire's targets one after another on one core with AFL++ (afl.rs):
#   fuzz/run.sh [SECONDS] [TARGET...]   (default: 600 s each; markdown book_toml manuscript)
# Findings go to fuzz/out/TARGET/default/{crashes,hangs}; fuzz/README.md says
# what to do with them.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(markdown book_toml manuscript)
cargo afl build --release
mkdir -p out
for target in "${targets[@]}"; do
  # A whole manuscript builds an EPUB (fonts subset, cover drawn): about
  # 1 s per input in the instrumented build, over AFL's default limit.
  limit=1000
  [ "$target" = manuscript ] && limit=5000
  echo "== $target for $seconds s"
  AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 \
    cargo afl fuzz -V "$seconds" -t "$limit" -i "seeds/$target" -o "out/$target" "target/release/$target" \
    > "out-$target.log" 2>&1 || { echo "afl-fuzz failed: see fuzz/out-$target.log"; exit 1; }
  tail -n 3 "out-$target.log"
done
