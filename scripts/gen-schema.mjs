#!/usr/bin/env node
// Generates core/src/schema/table.rs: the operations and schemas of the Atlas Admin
// API v2 description as compact Rust data, checked at run time by one walker
// (core/src/schema/mod.rs). Only facts are taken from the description (names,
// types, enums, limits, paths, versions), never its prose.
//
//   node scripts/gen-schema.mjs [SPEC] [--check]
//
// SPEC defaults to ../shared/spec/atlas-admin-v2-seed-subset.json. With
// --check, exits 1 when the committed table differs from what SPEC gives.
// What the description gets wrong or does not say is in OVERRIDES and OPS
// below, each with its reason; the same generator serves the whole API later
// (add its operations to OPS).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
// --json prints the operations' facts (JS name, parameters, body) for tools
// such as the check of the TypeScript declarations (tests/ts/table.test.mjs).
const asJson = args.includes('--json');
const specPath = args.find((a) => !a.startsWith('--')) ?? join(root, '../shared/spec/atlas-admin-v2-seed-subset.json');
const out = join(root, 'core/src/schema/table.rs');
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const schemas = spec.components.schemas;

// The operations in scope: JS name (the seed's CLI name) by upstream operation
// id, plus what the description does not carry: a line of documentation in
// our own words (the description's prose may not be copied), what to use
// instead of a deprecated operation, and corrections.
const OPS = {
  listGroups: { doc: 'One page of projects.', name: 'listProjects' },
  getGroupMaintenanceWindow: { doc: "A project's maintenance window.", name: 'getMaintenanceWindow' },
  createOrgApiKey: { doc: 'Creates an organization API key (the private key is returned only once).', name: 'createApiKey' },
  validateOrgResourcePolicies: { doc: 'Checks a resource policy without creating it.', name: 'validateAtlasResourcePolicy' },
  // Every field of the body is optional, so no body asks for the defaults.
  createGroupDatabaseUserCert: { doc: 'Issues an X.509 certificate for a database user; resolves to PEM text.', name: 'createDatabaseUserCertificate', output: 'Pem', bodyOptional: true },
  deleteGroupBackupExportBucket: { doc: 'Deletes a snapshot export bucket.', name: 'deleteExportBucket' },
  getGroupDataFederationLimit: { doc: 'One query limit of a federated database instance.', name: 'returnFederatedDatabaseQueryLimit' },
  listGroupPipelines: { doc: "A project's ingestion pipelines (deprecated).",
    name: 'listPipelines',
    instead: 'Data Lake pipelines are retired; export snapshots or use Atlas Data Federation',
  },
  deleteFederationSettingIdentityProvider: { doc: 'Deletes a federation identity provider.', name: 'deleteIdentityProvider' },
  getGroupClusterSnapshot: { doc: 'A legacy snapshot (deprecated).',
    name: 'getLegacySnapshot',
    instead: 'legacy backup is retired; use the cloud backup snapshot operations',
  },
  updateGroupClusterSnapshot: { doc: "Changes a legacy snapshot's retention (deprecated).",
    name: 'updateLegacySnapshotRetention',
    instead: 'legacy backup is retired; use the cloud backup snapshot operations',
  },
  updateGroupClusterFtsIndex: { doc: 'Updates an Atlas Search index (deprecated).',
    name: 'updateAtlasSearchIndexDeprecated',
    instead: 'use the search index operations under /search/indexes',
  },
};

// Per-property corrections and client rules, keyed `Schema.property`.
//  any: keep as any JSON; wide: int64; min/max: numeric limits (requests);
//  minLength/maxLength; text: must not be blank nor hold control characters;
//  blank: must not be blank (multi-line text); minItems; noEnum;
//  dateTime: ISO 8601 date-time (requests); values: allowed integers.
const OVERRIDES = {
  // Declared int32 with a minimum that is a date in seconds: a defect; the value is a counter.
  'ApiBSONTimestampView.increment': { wide: true, min: null, max: null },
  // Declared an object, but Atlas also takes and returns `true`/`false`.
  'SearchIndex.storedSource': { any: true },
  // `true`/`false` in the description; newer indexes name a type set (an object).
  'ApiAtlasFTSMappingsViewManual.dynamic': { any: true },
  // A maximum but no minimum in the description; zero months is no certificate.
  'UserCert.monthsUntilExpiration': { min: 1 },
  // The allowed partition counts are stated in prose only.
  'ClusterSearchIndex.numPartitions': { values: [1, 2, 4] },
  'CreateAtlasOrganizationApiKey.desc': { minLength: 1, maxLength: 250 },
  'ClusterSearchIndex.collectionName': { text: true },
  'ClusterSearchIndex.database': { text: true },
  'ClusterSearchIndex.name': { text: true },
  'SearchIndex.analyzer': { text: true, noEnum: true },
  'SearchIndex.searchAnalyzer': { text: true, noEnum: true },
  'ApiAtlasFTSAnalyzersViewManual.name': { text: true },
  'SearchSynonymMappingDefinition.analyzer': { text: true, noEnum: true },
  'SearchSynonymMappingDefinition.name': { text: true },
  'SynonymSource.collection': { text: true },
  'tokenizerregexCaptureGroup.pattern': { text: true },
  'tokenizerregexCaptureGroup.group': { min: 0 },
  'tokenizerregexSplit.pattern': { text: true },
  'tokenizerstandard.maxTokenLength': { min: 1 },
  'tokenizeruaxUrlEmail.maxTokenLength': { min: 1 },
  'tokenizerwhitespace.maxTokenLength': { min: 1 },
  'tokenFilterregex.pattern': { text: true },
  'tokenFilterstopword.tokens': { minItems: 1 },
  'ApiAtlasResourcePolicyCreateView.name': { text: true },
  'ApiAtlasResourcePolicyCreateView.policies': { minItems: 1 },
  // Cedar text spans lines: only blank text is refused.
  'ApiAtlasPolicyCreateView.body': { blank: true },
  'BackupSnapshot.expires': { dateTime: true },
};

// Object-level rules the description cannot express (src/schema/rules.rs).
const RULES = {
  ApiAtlasFTSAnalyzersViewManual: 'custom_analyzer',
  SearchIndex: 'search_index',
  VectorSearchIndex: 'search_index',
  tokenizeredgeGram: 'gram_sizes',
  tokenizernGram: 'gram_sizes',
  tokenFilteredgeGram: 'gram_sizes',
  tokenFilternGram: 'gram_sizes',
  tokenFiltershingle: 'shingle_sizes',
  tokenFilterlength: 'length_bounds',
  charFiltermapping: 'char_mappings',
  BackupSnapshot: 'snapshot_retention',
};

const OBJECT_ID = '^([a-f0-9]{24})$';
const CLUSTER_NAME = '^[a-zA-Z0-9][a-zA-Z0-9-]*$';
const I32 = [-2147483648, 2147483647];
const I64 = ['i64::MIN', 'i64::MAX'];

const refName = (ref) => ref.replace('#/components/schemas/', '');
const rs = (s) => JSON.stringify(s); // a JSON string is a valid Rust string literal here (ASCII facts)
const rustStrs = (list) => `&[${list.map(rs).join(', ')}]`;

// --- nodes, deduplicated by their Rust text ---------------------------------
const nodes = [];
const byText = new Map();
const named = new Map(); // schema name -> node id
function add(text) {
  if (!byText.has(text)) {
    byText.set(text, nodes.length);
    nodes.push(text);
  }
  return byText.get(text);
}
function reserve() {
  nodes.push(null);
  return nodes.length - 1;
}

function intBounds(s, o) {
  const [lo, hi] = s.format === 'int64' || o.wide ? I64 : I32;
  const pick = (v, d) => (v === null || v === undefined ? d : String(v));
  const min = pick(o.min !== undefined ? o.min : s.minimum, lo);
  const max = pick(o.max !== undefined ? o.max : s.maximum, hi);
  return { min, max, wide: s.format === 'int64' || !!o.wide };
}

/** Node id for an inline schema `s` (with the property's overrides `o`). */
function node(s, o = {}) {
  if (o.any) return add('Node::Any');
  if (s.$ref) return schemaNode(refName(s.$ref));
  if (s.allOf) return objectNode(null, s);
  if (s.oneOf || s.anyOf) return unionNode(s);
  switch (s.type) {
    case 'boolean':
      return add('Node::Bool');
    case 'integer': {
      const b = intBounds(s, o);
      const list = o.values ?? s.enum;
      const values = list ? `&[${list.join(', ')}]` : '&[]';
      return add(`Node::Int(&Int { min: ${b.min}, max: ${b.max}, wide: ${b.wide}, values: ${values} })`);
    }
    case 'number':
      return add('Node::Num');
    case 'string': {
      let format = 'Format::Plain';
      if (s.pattern === OBJECT_ID) format = 'Format::ObjectId';
      else if (s.pattern === CLUSTER_NAME) format = 'Format::ClusterName';
      else if (o.segment) format = 'Format::Segment';
      else if (o.dateTime) format = 'Format::DateTime';
      else if (o.text) format = 'Format::Text';
      else if (o.blank) format = 'Format::NotBlank';
      const values = s.enum && !o.noEnum ? rustStrs(s.enum.filter((v) => v !== null)) : '&[]';
      const min = o.minLength ?? s.minLength ?? 0;
      const max = o.maxLength ?? s.maxLength ?? 'u32::MAX';
      return add(`Node::Str(&Str { min: ${min}, max: ${max}, format: ${format}, values: ${values} })`);
    }
    case 'array':
      return add(`Node::Arr { items: ${node(s.items ?? {})}, min_items: ${o.minItems ?? s.minItems ?? 0} }`);
    case 'object':
    case undefined:
      if (s.properties || s.allOf) return objectNode(null, s);
      if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        return add(`Node::Map { values: ${node(s.additionalProperties)} }`);
      }
      return s.type === 'object' ? add('Node::Map { values: 0 }') : add('Node::Any');
    default:
      throw new Error(`unsupported type ${s.type}`);
  }
}

/** Own and inherited (allOf) properties and required names of a schema. */
function flatten(s, acc = { props: {}, required: new Set(), owners: {} }, owner = null) {
  for (const part of s.allOf ?? []) {
    if (part.$ref) {
      const n = refName(part.$ref);
      flatten(schemas[n], acc, n);
    } else flatten(part, acc, owner);
  }
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    acc.props[k] = v;
    acc.owners[k] = owner;
  }
  for (const r of s.required ?? []) acc.required.add(r);
  return acc;
}

/** Node id of an object schema; `name` (when it has one) keys its overrides and rule. */
function objectNode(name, s) {
  if (!name) return add(objectText(null, s));
  const id = reserve();
  named.set(name, id);
  nodes[id] = objectText(name, s);
  return id;
}

function objectText(name, s, tagOf = null) {
  const { props, required, owners } = flatten(s);
  const entries = Object.keys(props)
    .sort()
    .map((k) => {
      const p = props[k];
      const o = { ...(OVERRIDES[`${owners[k] ?? name}.${k}`] ?? {}), ...(OVERRIDES[`${name}.${k}`] ?? {}) };
      // A union variant's tag is checked by the union (one variant's enum is wrong upstream).
      if (k === tagOf) o.noEnum = true;
      let flags = [];
      if (required.has(k)) flags.push('REQUIRED');
      if (p.readOnly) flags.push('READ_ONLY');
      if (p.writeOnly) flags.push('WRITE_ONLY');
      const f = flags.length ? flags.join(' | ') : '0';
      return `Prop { name: ${rs(k)}, node: ${node(p, o)}, flags: ${f} }`;
    });
  const rule = name && RULES[name] ? `Some(rules::${RULES[name]})` : 'None';
  return `Node::Obj(&Obj { props: &[${entries.join(', ')}], rule: ${rule} })`;
}

/** `type`-tagged unions: from a discriminator mapping, or from each member's one-value tag enum. */
function unionNode(s, base = null) {
  const list = s.oneOf ?? s.anyOf ?? [];
  const tag = s.discriminator?.propertyName ?? 'type';
  const variants = new Map();
  if (s.discriminator?.mapping) {
    for (const [t, ref] of Object.entries(s.discriminator.mapping)) variants.set(t, refName(ref));
  }
  for (const m of list) {
    const n = refName(m.$ref);
    const t = schemas[n].properties?.[tag]?.enum?.[0];
    if (![...variants.values()].includes(n)) variants.set(t, n);
  }
  return add(unionText(tag, variants, base));
}

function unionText(tag, variants, fallback) {
  const vs = [...variants].map(([t, n]) => `(${rs(t)}, ${variantNode(n, tag)})`).join(', ');
  return `Node::Union(&Union { tag: ${rs(tag)}, variants: &[${vs}], default: ${fallback ?? 'None'} })`;
}

const variantIds = new Map();
function variantNode(n, tag) {
  if (!variantIds.has(n)) {
    const id = reserve();
    variantIds.set(n, id);
    nodes[id] = objectText(n, schemas[n], tag);
    if (!named.has(n)) named.set(n, id);
  }
  return variantIds.get(n);
}

/** Node id of component schema `n`. */
function schemaNode(n) {
  if (named.has(n)) return named.get(n);
  const s = schemas[n];
  if (s.discriminator?.mapping && !s.oneOf) {
    // A base schema whose subtypes (allOf it) are told apart by a tag.
    const id = reserve();
    named.set(n, id);
    const tag = s.discriminator.propertyName;
    const variants = new Map(Object.entries(s.discriminator.mapping).map(([t, r]) => [t, refName(r)]));
    // An index without `type` is a search index; a union of one kind is that kind.
    const only = variants.size === 1 ? [...variants.values()][0] : null;
    const dflt = n === 'ClusterSearchIndex' ? variants.get('search') : only;
    nodes[id] = unionText(tag, variants, dflt ? `Some(${variantNode(dflt, tag)})` : null);
    return id;
  }
  if (s.type === 'object' || s.properties || s.allOf) return objectNode(n, s);
  const id = node(s);
  named.set(n, id);
  return id;
}

add('Node::Any'); // id 0: the values of free-form maps


// --- operations -------------------------------------------------------------
const ops = [];
const opFacts = [];
for (const [path, methods] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(methods)) {
    const extra = OPS[op.operationId];
    if (!extra) continue;
    const params = (op.parameters ?? []).map((p) => (p.$ref ? spec.components.parameters[p.$ref.split('/').pop()] : p));
    const pieces = params.map((p) => {
      const o = {};
      if (p.in === 'path' && !p.schema.pattern && !p.schema.enum) o.segment = true;
      const loc = p.in === 'path' ? 'Loc::Path' : 'Loc::Query';
      return `Param { name: ${rs(p.name)}, loc: ${loc}, node: ${node(p.schema, o)}, required: ${!!p.required} }`;
    });
    const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : null;
    const ok = Object.entries(op.responses).find(([c]) => c.startsWith('2'));
    const okContent = Object.entries(ok[1].content ?? {});
    const media = (body ?? okContent[0])[0];
    const version = media.match(/vnd\.atlas\.([^+]+)\+json/)[1];
    let output = 'Output::Empty';
    if (extra.output === 'Pem') output = 'Output::Pem';
    else if (ok[0] !== '204' && okContent.length) output = `Output::Json(${node(okContent[0][1].schema)})`;
    const sunset = okContent.map(([, c]) => c['x-sunset']).find(Boolean);
    const deprecation = op.deprecated
      ? `Some(Deprecation { sunset: ${sunset ? `Some(${rs(sunset)})` : 'None'}, instead: ${rs(extra.instead)} })`
      : 'None';
    opFacts.push({
      name: extra.name,
      doc: extra.doc,
      method: method.toUpperCase(),
      path: path.replace('/api/atlas/v2', ''),
      upstream: op.operationId,
      params: params.map((p) => p.name),
      body: !!body,
    });
    ops.push({ name: extra.name, text: `    OpDef {
        name: ${rs(extra.name)},
        upstream_id: ${rs(op.operationId)},
        method: Method::${method[0].toUpperCase()}${method.slice(1)},
        path: ${rs(path.replace('/api/atlas/v2', ''))},
        version: ${rs(version)},
        params: &[${pieces.join(', ')}],
        body: ${body ? `Some(Body { node: ${node(body[1].schema)}, required: ${!!op.requestBody.required && !extra.bodyOptional} })` : 'None'},
        output: ${output},
        deprecation: ${deprecation},
    },` });
  }
}
// By JS name (code-point order): OPS and the method list share indexes.
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
ops.sort(byName);
opFacts.sort(byName);
for (const n of Object.keys(schemas).sort()) schemaNode(n);

const rust = `// @generated by scripts/gen-schema.mjs from the Atlas Administration API v2
// description (facts only). Do not edit: change the generator and run it.
// Node ids are indexes into NODES.

use super::{rules, Body, Format, Int, Loc, Node, Obj, OpDef, Output, Param, Prop, Str, Union};
use super::{READ_ONLY, REQUIRED, WRITE_ONLY};
use crate::ops::Deprecation;
use crate::request::Method;

/// Every schema node.
pub static NODES: &[Node] = &[
${nodes.map((t, i) => `    ${t}, // ${i}`).join('\n')}
];

/// Component schemas by name (for tests and tools).
pub static NAMED: &[(&str, u16)] = &[
${[...named].sort(([a], [b]) => a.localeCompare(b)).map(([n, i]) => `    (${rs(n)}, ${i}),`).join('\n')}
];

/// The built-in analyzers a search index may name (the mock server checks them).
pub static BUILTIN_ANALYZERS: &[&str] = ${rustStrs(flatten(schemas.SearchIndex).props.analyzer.enum)};

/// The operations, sorted by JS name.
pub static OPS: &[OpDef] = &[
${ops.map((o) => o.text).join('\n')}
];
`;

// The JS methods of AtlasClient, one per operation (expanded by the
// `operations!` macro in src/wasm/client.rs, which includes this file).
const snake = (n) => n.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const methods = opFacts.map((o, i) => `    /// ${o.doc}\n    ///\n    /// \`${o.method} ${o.path}\` (upstream \`${o.upstream}\`).\n    ${rs(o.name)} ${snake(o.name)} ${i};`);
const facade = `// @generated by scripts/gen-schema.mjs from the Atlas Administration API v2
// description (facts only). Do not edit: change the generator and run it.
// Each line: doc, JS name, Rust name, index into OPS (core/src/schema/table.rs).

operations! {
${methods.join('\n')}
}
`;
const facadeOut = join(root, 'src/wasm/operations.rs');

if (asJson) {
  console.log(JSON.stringify(opFacts.map(({ doc, ...facts }) => facts), null, 2));
} else if (check) {
  let stale = false;
  for (const [file, text] of [[out, rust], [facadeOut, facade]]) {
    if (readFileSync(file, 'utf8') !== text) {
      console.error(`${file} is out of date: run node scripts/gen-schema.mjs`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
  console.log('schema table and operation list up to date');
} else {
  writeFileSync(out, rust);
  writeFileSync(facadeOut, facade);
  console.log(`wrote ${out}: ${nodes.length} nodes, ${named.size} named schemas, ${ops.length} operations; and ${facadeOut}`);
}
