#!/usr/bin/env node
// Turn the server's own list of settings (`copydesk config --schema`, a JSON
// Schema) into package.json's contributes.configuration, so the extension
// and the server never disagree about what can be set.
//
//   node scripts/gen-config.mjs                 # runs the server found below
//   node scripts/gen-config.mjs --server PATH   # runs PATH config --schema
//   node scripts/gen-config.mjs --schema FILE   # reads a saved schema ("-" = stdin)
//   node scripts/gen-config.mjs --check         # exit 1 if package.json is out of date
//
// The server is, in order: --server, $COPYDESK_SERVER, the repository's
// target/debug/copydesk, target/release/copydesk, `copydesk` on PATH.
//
// The converter is tolerant of the schema's exact shape: the settings object
// may be the root or sit under `schema`/`settings`/`config`; `$ref`s into
// `definitions`/`$defs` are followed; `anyOf`/`oneOf` with `null` (optional
// values) become the non-null type; nested objects with `properties`
// (e.g. one entry per rule code) become dotted keys (`copydesk.rules.CODE`),
// which VS Code hands back as nested objects.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const extDir = join(here, "..");
const repoRoot = join(extDir, "..", "..");

/** Settings that belong to the client, not the server. Always present. */
export const CLIENT_PROPERTIES = {
  "copydesk.server.path": {
    type: "string",
    default: "",
    markdownDescription:
      "Path to the `copydesk` executable. Empty: use `copydesk` from your `PATH`.",
    scope: "machine-overridable",
    order: 0,
  },
  "copydesk.server.extraArgs": {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Extra arguments for `copydesk lsp` (rarely needed).",
    scope: "machine-overridable",
    order: 1,
  },
  "copydesk.trace.server": {
    type: "string",
    enum: ["off", "messages", "verbose"],
    default: "off",
    description: "Log the messages between VS Code and the copydesk server in the copydesk output channel.",
    scope: "window",
    order: 2,
  },
};

/** Schema properties that describe a config file, not a setting an editor sets. */
const NOT_SETTINGS = new Set(["version", "$schema"]);

// JSON-Schema keywords VS Code's settings understand, copied as they are.
const KEEP = [
  "type", "enum", "enumDescriptions", "markdownEnumDescriptions", "default",
  "description", "markdownDescription", "items", "minimum", "maximum",
  "minItems", "maxItems", "uniqueItems", "pattern", "patternErrorMessage",
  "format", "deprecationMessage", "markdownDeprecationMessage",
  "additionalProperties", "propertyNames", "examples", "const",
];

function resolve(node, root, seen = new Set()) {
  if (!node || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    const ref = node.$ref;
    if (seen.has(ref)) return {};
    if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref} (only local refs)`);
    let target = root;
    for (const part of ref.slice(2).split("/")) {
      target = target?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    if (target === undefined) throw new Error(`$ref ${ref} points nowhere`);
    const { $ref, ...rest } = node;
    return resolve({ ...target, ...rest }, root, new Set([...seen, ref]));
  }
  // allOf with a single schema (schemars wraps refs that carry a description that way).
  if (Array.isArray(node.allOf) && node.allOf.length === 1) {
    const { allOf, ...rest } = node;
    return resolve({ ...allOf[0], ...rest }, root, seen);
  }
  for (const key of ["anyOf", "oneOf"]) {
    if (Array.isArray(node[key])) {
      const alts = node[key].map((a) => resolve(a, root, seen));
      const nonNull = alts.filter((a) => !(a && (a.type === "null" || (a.const === null))));
      const { [key]: _, ...rest } = node;
      if (nonNull.length === 1) {
        const nullable = nonNull.length < alts.length;
        const merged = { ...nonNull[0], ...rest };
        if (nullable && rest.default === undefined && merged.default === undefined) merged.default = null;
        if (nullable && typeof merged.type === "string") merged.type = [merged.type, "null"];
        return merged;
      }
      // All alternatives are constants (an enum written as oneOf of consts).
      if (nonNull.length > 0 && nonNull.every((a) => a && "const" in a)) {
        return {
          ...rest,
          type: rest.type ?? typeof nonNull[0].const,
          enum: nonNull.map((a) => a.const),
          enumDescriptions: nonNull.some((a) => a.description) ? nonNull.map((a) => a.description ?? "") : undefined,
        };
      }
      return { ...rest, [key]: alts };
    }
  }
  return node;
}

/** Find the object schema that lists the settings. */
function settingsRoot(schema) {
  if (schema && typeof schema === "object" && schema.properties && typeof schema.properties === "object") {
    return schema;
  }
  for (const key of ["schema", "settings", "config", "configuration"]) {
    if (schema?.[key] && typeof schema[key] === "object") {
      const inner = settingsRoot(schema[key]);
      if (inner) return inner;
    }
  }
  return undefined;
}

function clean(prop) {
  const out = {};
  for (const k of KEEP) if (prop[k] !== undefined) out[k] = prop[k];
  if (out.description === undefined && typeof prop.title === "string") out.description = prop.title;
  if (out.enum && out.type === undefined) {
    const t = [...new Set(out.enum.map((v) => (v === null ? "null" : typeof v)))];
    out.type = t.length === 1 ? t[0] : t;
  }
  if (out.anyOf === undefined && prop.anyOf) out.anyOf = prop.anyOf;
  if (out.oneOf === undefined && prop.oneOf) out.oneOf = prop.oneOf;
  return out;
}

function flatten(obj, prefix, root, out) {
  for (const [name, raw] of Object.entries(obj.properties ?? {})) {
    const prop = resolve(raw, root);
    const key = `${prefix}.${name}`;
    const isObject = prop && (prop.type === "object" || (prop.type === undefined && prop.properties));
    if (isObject && prop.properties && Object.keys(prop.properties).length > 0) {
      const defaults = prop.default && typeof prop.default === "object" ? prop.default : {};
      const before = Object.keys(out).length;
      flatten(prop, key, root, out);
      // The object's default (e.g. {"unattributed-quote": "warning", ...}) fills in
      // each member that has none of its own.
      for (const [child, value] of Object.entries(defaults)) {
        const ck = `${key}.${child}`;
        if (out[ck] && out[ck].default === undefined) out[ck].default = value;
      }
      if (Object.keys(out).length === before) out[key] = clean(prop);
    } else {
      out[key] = clean(prop);
    }
  }
  return out;
}

/** contributes.configuration for a server schema (an object, already parsed). */
export function toConfiguration(schema) {
  const root = settingsRoot(schema);
  if (!root) {
    throw new Error("the schema has no `properties`: is this the output of `copydesk config --schema`?");
  }
  const settings = { ...root, properties: Object.fromEntries(Object.entries(root.properties).filter(([k]) => !NOT_SETTINGS.has(k))) };
  const serverProps = flatten(settings, "copydesk", schema, {});
  const names = Object.keys(serverProps);
  if (names.length === 0) throw new Error("the schema lists no settings");
  let order = 10;
  for (const k of names) {
    serverProps[k].scope ??= "resource";
    serverProps[k].order = order++;
  }
  for (const k of Object.keys(CLIENT_PROPERTIES)) delete serverProps[k];
  return {
    title: "copydesk",
    properties: { ...CLIENT_PROPERTIES, ...serverProps },
  };
}

function findServer(explicit) {
  const candidates = [
    explicit,
    process.env.COPYDESK_SERVER,
    join(repoRoot, "target", "debug", "copydesk"),
    join(repoRoot, "target", "release", "copydesk"),
  ].filter(Boolean);
  for (const c of candidates) if (existsSync(c)) return c;
  return "copydesk";
}

function readSchema(args) {
  const i = args.indexOf("--schema");
  if (i >= 0) {
    const file = args[i + 1];
    return JSON.parse(readFileSync(file === "-" ? 0 : file, "utf8"));
  }
  const s = args.indexOf("--server");
  const server = findServer(s >= 0 ? args[s + 1] : undefined);
  let text;
  try {
    text = execFileSync(server, ["config", "--schema"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const detail = (e.stderr || e.message || "").toString().trim().split("\n")[0];
    throw new Error(`\`${server} config --schema\` failed: ${detail}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`\`${server} config --schema\` did not print JSON: ${e.message}`);
  }
}

function main() {
  const args = process.argv.slice(2);
  const pkgPath = join(extDir, "package.json");
  const original = readFileSync(pkgPath, "utf8");
  const pkg = JSON.parse(original);
  pkg.contributes ??= {};
  pkg.contributes.configuration = toConfiguration(readSchema(args));
  const updated = JSON.stringify(pkg, null, 2) + "\n";
  const n = Object.keys(pkg.contributes.configuration.properties).length;
  if (args.includes("--check")) {
    if (updated !== original) {
      console.error("editors/vscode/package.json is out of date with the server's settings: run `npm run gen-config` in editors/vscode and commit it.");
      process.exit(1);
    }
    console.log(`package.json lists the server's settings (${n} properties)`);
    return;
  }
  if (updated !== original) writeFileSync(pkgPath, updated);
  console.log(`contributes.configuration: ${n} properties${updated === original ? " (unchanged)" : " (written)"}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (e) {
    console.error(`gen-config: ${e.message}`);
    process.exit(1);
  }
}
