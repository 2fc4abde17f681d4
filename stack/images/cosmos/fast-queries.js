// @zeit/cosmosdb-query (0.7.2, the latest) compiles every query's FROM clause, and its joins, into
//   $c.reduce(($, c) => typeof c !== "undefined" ? [...$, { c }] : $, [])
// which copies the accumulated array once per document: a query costs O(n^2) in the documents stored
// (the dashboard's SELECT VALUE COUNT(1) took 35 s over 34,000 events, holding node's only thread, so
// the store answered nothing else meanwhile). Its stripUndefined does the same over a result set. This
// rewrites each such accumulation to push onto the accumulator (a fresh [] per query, never shared),
// which is the same result in O(n); what the queries answer does not change.
"use strict";
const transformer = require("@zeit/cosmosdb-query/lib/transformer");
const helpers = require("@zeit/cosmosdb-query/lib/helpers");

/** `[...acc, a, ...b]` where acc is the reducer's accumulator: `(acc.push(a, ...b), acc)`. */
function appended(node, accumulator) {
  if (node && node.type === "ArrayExpression" && node.elements.length > 0 && node.elements[0]
      && node.elements[0].type === "SpreadElement" && node.elements[0].argument.type === "Identifier"
      && node.elements[0].argument.name === accumulator) {
    const target = { type: "Identifier", name: accumulator };
    return {
      type: "SequenceExpression",
      expressions: [
        {
          type: "CallExpression",
          callee: { type: "MemberExpression", object: target, property: { type: "Identifier", name: "push" }, computed: false },
          arguments: node.elements.slice(1),
        },
        { type: "Identifier", name: accumulator },
      ],
    };
  }
  return null;
}

/** The reducer's result expressions (its body, and both arms of a conditional body) rewritten where they append. */
function rewriteReducer(reducer) {
  const [first] = reducer.params;
  if (!first || first.type !== "Identifier") return;
  const rewrite = (expression) => appended(expression, first.name) || expression;
  if (reducer.body.type === "ConditionalExpression") {
    reducer.body.consequent = rewrite(reducer.body.consequent);
    reducer.body.alternate = rewrite(reducer.body.alternate);
  } else {
    reducer.body = rewrite(reducer.body);
  }
}

/** Every `x.reduce((acc, ...) => ..., [])` in the generated program: only a fresh [] may be appended to in place. */
function visit(node) {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    node.forEach(visit);
    return;
  }
  if (node.type === "CallExpression" && node.callee.type === "MemberExpression" && !node.callee.computed
      && node.callee.property.name === "reduce" && node.arguments.length === 2
      && node.arguments[0].type === "ArrowFunctionExpression"
      && node.arguments[1].type === "ArrayExpression" && node.arguments[1].elements.length === 0) {
    rewriteReducer(node.arguments[0]);
  }
  for (const key of Object.keys(node)) {
    if (key !== "loc" && key !== "start" && key !== "end") visit(node[key]);
  }
}

const transform = transformer.default;
transformer.default = (ast) => {
  const program = transform(ast);
  visit(program);
  return program;
};

const stripObject = helpers.stripUndefined;
helpers.stripUndefined = (value) => {
  if (Array.isArray(value)) {
    const kept = [];
    for (const item of value) {
      if (typeof item !== "undefined") kept.push(helpers.stripUndefined(item));
    }
    return kept;
  }
  return stripObject(value);
};
