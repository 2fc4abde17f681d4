// Checks fast-queries.js against the library as published, in one process: every query of a set that covers
// what the transformer compiles (FROM, JOIN, WHERE, ORDER BY, TOP, DISTINCT, GROUP BY, aggregates, VALUE,
// sub-roots, paging) answers the same before and after the rewrite, and the rewrite did take effect (a new
// release of the library that compiles differently would otherwise leave queries quadratic without a word).
// Exit 0 and one line when they agree; exit 1 and the first difference when not.
"use strict";
const query = require("@zeit/cosmosdb-query").default;

const QUERIES = [
  "SELECT VALUE COUNT(1) FROM c",
  "SELECT * FROM c",
  "SELECT c.id, c.nested FROM c WHERE c.n > 10 ORDER BY c.n DESC",
  "SELECT t FROM c JOIN t IN c.tags",
  "SELECT c.id, p.p FROM c JOIN ch IN c.children JOIN p IN ch.pets WHERE p.p = 2",
  "SELECT VALUE SUM(c.n) FROM c WHERE c.type = 'view'",
  "SELECT DISTINCT c.type FROM c",
  "SELECT TOP 5 c.id FROM c ORDER BY c.id",
  "SELECT c.type, COUNT(1) AS n FROM c GROUP BY c.type",
  "SELECT VALUE c.tags FROM c WHERE ARRAY_LENGTH(c.tags) > 0",
  "SELECT * FROM c.children",
  "SELECT VALUE COUNT(1) FROM c WHERE STARTSWITH(c.id, 'e1')",
  "SELECT c.id FROM c WHERE IS_DEFINED(c.children) ORDER BY c._ts DESC",
];

function documents(n) {
  const docs = [];
  for (let i = 0; i < n; i++) {
    docs.push({
      id: "e" + i, _rid: "r" + String(i).padStart(8, "0"), _ts: 1700000000 + (i % 50), type: i % 3 ? "click" : "view", n: i,
      tags: i % 4 ? ["a", "b" + (i % 5)] : [], nested: { v: i % 7, u: undefined },
      children: i % 2 ? [{ name: "c" + i, pets: [{ p: 1 }, { p: 2 }] }] : undefined,
    });
  }
  return docs;
}

/** Each query's answer, whole and as pages of 7 followed by their continuations. */
function answers(docs) {
  const out = {};
  for (const sql of QUERIES) {
    try {
      const pages = [];
      let continuation;
      do {
        const page = query(sql).exec(docs, { maxItemCount: 7, continuation });
        pages.push(page.result);
        continuation = page.continuation;
      } while (continuation && pages.length < 200);
      out[sql] = JSON.stringify([query(sql).exec(docs, { maxItemCount: -1 }).result, pages]);
    } catch (err) {
      out[sql] = "error: " + err.message;
    }
  }
  return out;
}

const docs = documents(300);
const published = answers(docs);
require("./fast-queries");
const rewritten = answers(docs);
for (const sql of QUERIES) {
  if (published[sql] !== rewritten[sql]) {
    console.log(`differs: ${sql}\n  published: ${published[sql].slice(0, 300)}\n  rewritten: ${rewritten[sql].slice(0, 300)}`);
    process.exit(1);
  }
}
const code = query("SELECT VALUE COUNT(1) FROM c").code;
if (!code.includes(".push(") || /\[\s*\.\.\.\$/.test(code)) {
  console.log("the rewrite did not take effect: the library compiles FROM differently now:\n" + code);
  process.exit(1);
}
console.log(`fast-queries: ${QUERIES.length} queries answer the same as the published library; FROM appends in place`);
