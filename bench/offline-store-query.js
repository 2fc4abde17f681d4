// Runs inside the offline store's image (see offline-store-query.sh): the dashboard's count, SELECT VALUE COUNT(1),
// over N documents, with the query library as published (the yardstick) and with fast-queries.js's rewrite, in
// the same process, interleaved, ROUNDS times each; prints medians and their ratio.
"use strict";
const query = require("@zeit/cosmosdb-query").default;
const transformer = require("@zeit/cosmosdb-query/lib/transformer");
const n = parseInt(process.argv[2] || "20000", 10);
const rounds = parseInt(process.argv[3] || "3", 10);
const docs = [];
for (let i = 0; i < n; i++) {
  docs.push({ id: "e" + i, _rid: "r" + String(i).padStart(10, "0"), type: "bench", source: "bench", data: { n: i } });
}
const publishedTransform = transformer.default;
require("/opt/cosmos/fast-queries");
const rewrittenTransform = transformer.default;

function timeCount(transform) {
  transformer.default = transform;
  const started = process.hrtime.bigint();
  const { result } = query("SELECT VALUE COUNT(1) FROM c").exec(docs, {});
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result[0] !== n) throw new Error(`counted ${result[0]} of ${n}`);
  return ms;
}
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
const published = [];
const rewritten = [];
for (let round = 0; round < rounds; round++) {
  published.push(timeCount(publishedTransform));
  rewritten.push(timeCount(rewrittenTransform));
}
console.log(`SELECT VALUE COUNT(1) over ${n} documents, median of ${rounds} interleaved runs`);
console.log(`  @zeit/cosmosdb-query as published (yardstick)  ${median(published).toFixed(0).padStart(8)} ms`);
console.log(`  with fast-queries.js                            ${median(rewritten).toFixed(0).padStart(8)} ms`);
console.log(`  ratio rewritten / published: ${(median(rewritten) / median(published)).toFixed(4)}`);
