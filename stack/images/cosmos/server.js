// The offline profile's Cosmos DB: @vercel/cosmosdb-server over HTTPS with this container's own
// self-signed certificate, published at /_explorer/emulator.pem as the Azure emulator does, so
// clients trust it the same way in both profiles.
"use strict";
const fs = require("fs");
require("./fast-queries"); // before any query compiles: the published query compiler is O(n^2) in documents
const { createHttpsServer } = require("@vercel/cosmosdb-server");

const certificateFile = process.env.COSMOS_CERT || "/var/lib/cosmos/cert.pem";
const keyFile = process.env.COSMOS_CERT_KEY || "/var/lib/cosmos/key.pem";
const port = parseInt(process.env.COSMOS_LISTEN_PORT || "8081", 10);
const certificate = fs.readFileSync(certificateFile);

// keepAlive: without it the server closes every connection and each SDK call pays a TLS handshake.
const server = createHttpsServer({ cert: certificate, key: fs.readFileSync(keyFile), keepAlive: true });
const [serveCosmos] = server.listeners("request");
server.removeAllListeners("request");
server.on("request", (req, res) => {
  if (req.method === "GET" && req.url === "/_explorer/emulator.pem") {
    res.writeHead(200, { "content-type": "application/x-pem-file" });
    res.end(certificate);
    return;
  }
  serveCosmos(req, res);
});

server.listen(port, "0.0.0.0", () => console.log(`cosmosdb-server ready: https://0.0.0.0:${port}/`));

// As PID 1 node ignores SIGTERM unless it handles it; without this `down` waits out the grace period.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    console.log(`${signal}: stopping`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
