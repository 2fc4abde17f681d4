#!/usr/bin/env bash
# The offline store's query cost: the dashboard's SELECT VALUE COUNT(1) over N documents with @zeit/cosmosdb-query
# as published (the yardstick: its FROM copies the accumulated array per document, O(n^2)) against the same library
# with stack/images/cosmos/fast-queries.js's rewrite, in the offline store's own image, one process, interleaved.
#
#   bench/offline-store-query.sh [DOCUMENTS] [ROUNDS]      (default 20000 documents, 3 rounds)
#
# Needs the engine and the cloudscale/cosmos:local image (`./cloudscale stack images` or `up --profile offline`).
set -euo pipefail
cd "$(dirname "$0")/.."
docker image inspect cloudscale/cosmos:local >/dev/null 2>&1 || { echo "no cloudscale/cosmos:local image: ./cloudscale stack images" >&2; exit 3; }
docker run --rm --network none -e NODE_PATH=/opt/cosmos/node_modules -v "$PWD/bench/offline-store-query.js:/bench/offline-store-query.js:ro" -w /opt/cosmos \
  --entrypoint node cloudscale/cosmos:local /bench/offline-store-query.js "${1:-20000}" "${2:-3}"
