#!/usr/bin/env bash
# A streaming kernel's time against where its output lies relative to its inputs, with
# ordinary and non-temporal stores (see store_offsets.swift). Needs only swiftc.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .build/bench-swift
swiftc -O scripts/bench_swift/store_offsets.swift -o .build/bench-swift/store_offsets
.build/bench-swift/store_offsets
