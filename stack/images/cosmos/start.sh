#!/bin/sh
# Makes this container's certificate on first start (the Azure emulator does the same), then serves.
set -eu
dir=/var/lib/cosmos
mkdir -p "$dir"
if [ ! -s "$dir/cert.pem" ] || [ ! -s "$dir/key.pem" ]; then
  echo "generating the server certificate (CN=${COSMOS_HOSTNAME:-cosmos})"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=${COSMOS_HOSTNAME:-cosmos}" \
    -addext "subjectAltName=DNS:${COSMOS_HOSTNAME:-cosmos},DNS:localhost,IP:127.0.0.1" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
fi
exec node /opt/cosmos/server.js
