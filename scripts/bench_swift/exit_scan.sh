#!/usr/bin/env bash
# Times the exit scan's Swift kernel alone (no Lua): compiles MarketData and Simulator with
# swiftc -O (whole module, as a release build does) into .build/bench-swift, links
# scripts/bench_swift/exit_scan.swift against them and runs it. Needs no SwiftPM build.
#   scripts/bench_swift/exit_scan.sh [RUNS] [CASES]     CASES: comma-separated, e.g. table,plain
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/bench-swift
mkdir -p "$out"
module() {
  local name=$1
  shift
  local sources
  sources=$(find "Sources/$name" -name '*.swift' | sort)
  local stamp="$out/$name.stamp"
  # Rebuild when a source is newer than the last build or the file list changed.
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sources" ] && [ -z "$(find "Sources/$name" -name '*.swift' -newer "$out/lib$name.a")" ]; then
    return
  fi
  # shellcheck disable=SC2086
  swiftc -O -wmo -parse-as-library -swift-version 6 -module-name "$name" -I "$out" "$@" \
    -emit-module -emit-module-path "$out/$name.swiftmodule" -emit-library -static -o "$out/lib$name.a" $sources
  echo "$sources" > "$stamp"
}
module MarketData
module Simulator -I Sources/CMemoryHints
swiftc -O -I "$out" -I Sources/CMemoryHints -L "$out" scripts/bench_swift/exit_scan.swift -lSimulator -lMarketData -o "$out/exit_scan"
"$out/exit_scan" "$@"
