// Tests for gen-config.mjs: the server's schema can take several shapes
// (hand-written, schemars with $ref/definitions, nested under a key); each
// must become the same flat VS Code settings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { toConfiguration, CLIENT_PROPERTIES } from "./gen-config.mjs";

const rules = {
  "unattributed-quote": "warning",
  "misdirected-quote-mark": "hint",
};

test("plain schema with one property per rule code", () => {
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: {
      rules: {
        type: "object",
        description: "Severity of each rule",
        properties: {
          "unattributed-quote": { type: "string", enum: ["error", "warning", "information", "hint", "off"], default: "warning", description: "A quote with no speaker found" },
          "misdirected-quote-mark": { type: "string", enum: ["error", "warning", "information", "hint", "off"], default: "hint" },
        },
        additionalProperties: false,
      },
      quote_min_words: { type: "integer", minimum: 1, default: 4, description: "A quotation of at least this many words is a quote." },
      knowledge_bases: { type: "array", items: { type: "string" }, default: [] },
      version: { type: "integer", enum: [1], default: 1, description: "Version of the config format." },
    },
  };
  const c = toConfiguration(schema);
  assert.equal(c.title, "copydesk");
  const p = c.properties;
  assert.deepEqual(p["copydesk.rules.unattributed-quote"].enum, ["error", "warning", "information", "hint", "off"]);
  assert.equal(p["copydesk.rules.unattributed-quote"].default, "warning");
  assert.equal(p["copydesk.rules.unattributed-quote"].description, "A quote with no speaker found");
  assert.equal(p["copydesk.rules.misdirected-quote-mark"].default, "hint");
  assert.equal(p["copydesk.quote_min_words"].type, "integer");
  assert.equal(p["copydesk.quote_min_words"].default, 4);
  assert.equal(p["copydesk.quote_min_words"].minimum, 1);
  assert.deepEqual(p["copydesk.knowledge_bases"].items, { type: "string" });
  assert.equal(p["copydesk.rules"], undefined, "an object with properties is flattened, not kept whole");
  assert.equal(p["copydesk.version"], undefined, "the file format's version is not an editor setting");
  for (const k of Object.keys(CLIENT_PROPERTIES)) assert.ok(p[k], `client setting ${k} kept`);
  assert.equal(p["copydesk.quote_min_words"].scope, "resource");
});

test("schemars shape: $ref into definitions, allOf wrapper, Option as anyOf null, defaults on the parent", () => {
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Config",
    type: "object",
    properties: {
      rules: {
        default: rules,
        allOf: [{ $ref: "#/definitions/Rules" }],
      },
      quoteMinWords: { type: "integer", format: "uint", minimum: 0.0, default: 4 },
      language: { anyOf: [{ type: "string" }, { type: "null" }], description: "Language of the copy" },
    },
    definitions: {
      Level: { type: "string", enum: ["error", "warning", "information", "hint", "off"] },
      Rules: {
        type: "object",
        properties: {
          "unattributed-quote": { $ref: "#/definitions/Level" },
          "misdirected-quote-mark": { $ref: "#/definitions/Level" },
        },
      },
    },
  };
  const p = toConfiguration(schema).properties;
  assert.deepEqual(p["copydesk.rules.unattributed-quote"].enum, ["error", "warning", "information", "hint", "off"]);
  assert.equal(p["copydesk.rules.unattributed-quote"].default, "warning", "default taken from the parent object");
  assert.equal(p["copydesk.rules.misdirected-quote-mark"].default, "hint");
  assert.equal(p["copydesk.quoteMinWords"].default, 4);
  assert.deepEqual(p["copydesk.language"].type, ["string", "null"]);
  assert.equal(p["copydesk.language"].description, "Language of the copy");
});

test("$defs, oneOf of consts, nested under a `schema` key", () => {
  const schema = {
    schema: {
      type: "object",
      properties: {
        rules: { $ref: "#/schema/$defs/Rules" },
      },
      $defs: {
        Rules: {
          type: "object",
          properties: {
            "unattributed-quote": {
              oneOf: [
                { const: "warning", description: "yellow" },
                { const: "off", description: "never" },
              ],
              default: "warning",
            },
          },
        },
      },
    },
  };
  const p = toConfiguration(schema).properties;
  assert.deepEqual(p["copydesk.rules.unattributed-quote"].enum, ["warning", "off"]);
  assert.deepEqual(p["copydesk.rules.unattributed-quote"].enumDescriptions, ["yellow", "never"]);
  assert.equal(p["copydesk.rules.unattributed-quote"].type, "string");
});

test("a map without listed properties stays one object setting", () => {
  const p = toConfiguration({ type: "object", properties: { markup: { type: "object", additionalProperties: { type: "string" }, default: {} } } }).properties;
  assert.equal(p["copydesk.markup"].type, "object");
  assert.deepEqual(p["copydesk.markup"].additionalProperties, { type: "string" });
});

test("not a settings schema: a clear error", () => {
  assert.throws(() => toConfiguration({ hello: 1 }), /no `properties`/);
  assert.throws(() => toConfiguration({ type: "object", properties: {} }), /no settings/);
  assert.throws(() => toConfiguration({ type: "object", properties: { a: { $ref: "#/nowhere" } } }), /points nowhere/);
});
