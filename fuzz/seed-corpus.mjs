#!/usr/bin/env node
// Seeds fuzz/corpus/<target>/ from the API description's examples
// (../shared/spec/atlas-admin-v2-seed-subset.json, or $ATLAS_SPEC): for each
// of the 12 operations a response body synthesised from its 2xx schema (with
// the description's `example` values), enveloped and error variants from the
// shared error responses, options with the synthesised request body, and every
// string example for the validators. The corpus is generated at run time and
// git-ignored; libFuzzer then grows it. Exits 0 with a message (seeding
// nothing) when the description is missing.
//
// Usage: node fuzz/seed-corpus.mjs [corpus-dir]

import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SPEC = process.env.ATLAS_SPEC || path.resolve(HERE, '../../shared/spec/atlas-admin-v2-seed-subset.json');
const OUT = path.resolve(process.argv[2] || path.join(HERE, 'corpus'));

if (!fs.existsSync(SPEC)) {
  console.log(`seed-corpus: ${SPEC} not found; skipping spec seeds (fuzzing starts from an empty corpus)`);
  process.exit(0);
}
const spec = JSON.parse(fs.readFileSync(SPEC, 'utf8'));

// README order; the fuzz targets dispatch on this index (fuzz_targets/common/mod.rs).
const OPS = [
  'listGroups', 'getGroupMaintenanceWindow', 'createOrgApiKey', 'validateOrgResourcePolicies',
  'createGroupDatabaseUserCert', 'deleteGroupBackupExportBucket', 'getGroupDataFederationLimit',
  'listGroupPipelines', 'deleteFederationSettingIdentityProvider', 'getGroupClusterSnapshot',
  'updateGroupClusterSnapshot', 'updateGroupClusterFtsIndex',
];
// Known-good options per operation (same as fuzz_targets/common/mod.rs).
const G = '32b6e34b3d91647abb20e7b8';
const BASE_OPTIONS = [
  {}, { groupId: G }, { orgId: '4888442a3354817a7320eb61' }, { orgId: '4888442a3354817a7320eb61' },
  { groupId: G, username: 'alice' }, { groupId: G, exportBucketId: '32b6e34b3d91647abb20e7b9' },
  { groupId: G, tenantName: 'tenant0', limitName: 'bytesProcessed.query' }, { groupId: G },
  { federationSettingsId: '55fa922fb343282757d9554e', identityProviderId: '32b6e34b3d91647abb20e7c0' },
  { groupId: G, clusterName: 'Cluster0', snapshotId: '5f4007f327a3bd7b6f4103c5' },
  { groupId: G, clusterName: 'Cluster0', snapshotId: '5f4007f327a3bd7b6f4103c5' },
  { groupId: G, clusterName: 'Cluster0', indexId: '6524ed3e5e8b1a4f7f123abc' },
];
// Indices into the decode target's STATUSES and CONTENT_TYPES tables.
const STATUS_INDEX = { 200: 0, 201: 1, 202: 2, 204: 3, 400: 13, 401: 14, 403: 15, 404: 16, 405: 17, 406: 18, 409: 19, 410: 20, 429: 21, 500: 22, 502: 23, 503: 24, 504: 25 };
const CT_INDEX = {
  'application/json': 1, 'application/vnd.atlas.2023-01-01+json': 2,
  'application/vnd.atlas.2024-08-05+json': 3, 'application/vnd.atlas.preview+json': 4,
};

const resolve = (ref) => ref.replace(/^#\//, '').split('/').reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);

/** A value of `schema`, using its examples; `write` leaves out readOnly fields. */
function sample(schema, write, depth = 0) {
  if (!schema || depth > 10) return null;
  if (schema.$ref) return sample(resolve(schema.$ref), write, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => sample(s, write, depth + 1));
    return parts.every((p) => p && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  const alt = schema.oneOf || schema.anyOf;
  if (alt) return sample(alt[0], write, depth + 1);
  const type = schema.type || (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const o = {};
      for (const [k, s] of Object.entries(schema.properties || {})) {
        const target = s.$ref ? resolve(s.$ref) : s;
        if (write && (s.readOnly || target?.readOnly)) continue;
        const v = sample(s, write, depth + 1);
        if (v !== null) o[k] = v;
      }
      return o;
    }
    case 'array': return schema.items ? [sample(schema.items, write, depth + 1)].filter((v) => v !== null) : [];
    case 'string':
      if (schema.format === 'date-time') return '2030-01-31T08:00:00Z';
      if (schema.pattern === '^([a-f0-9]{24})$') return G;
      return 'string';
    case 'integer': return schema.minimum ?? 1;
    case 'number': return schema.minimum ?? 1.5;
    case 'boolean': return true;
    default: return null;
  }
}

function findOp(id) {
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) if (op && op.operationId === id) return op;
  }
  return null;
}

let written = 0;
function put(target, bytes) {
  const dir = path.join(OUT, target);
  fs.mkdirSync(dir, { recursive: true });
  const buf = Buffer.from(bytes);
  fs.writeFileSync(path.join(dir, createHash('sha1').update(buf).digest('hex')), buf);
  written++;
}
const enc = (s) => Buffer.from(typeof s === 'string' ? s : JSON.stringify(s));
const decodeSeed = (op, status, ct, flags, body) =>
  Buffer.concat([Buffer.from([op, STATUS_INDEX[status] ?? 0, 0, CT_INDEX[ct] ?? 0, flags]), enc(body)]);

// Error bodies from the shared responses (badRequest, notFound, tooManyRequests …).
const errorExamples = [];
for (const [name, r] of Object.entries(spec.components?.responses || {})) {
  for (const media of Object.values(r.content || {})) {
    const ex = media.example ?? sample(media.schema, false);
    if (ex) errorExamples.push({ name, body: ex, status: ex.error || 400 });
  }
}

OPS.forEach((id, i) => {
  const op = findOp(id);
  if (!op) {
    console.log(`seed-corpus: ${id} is not in the description; no seeds for it`);
    return;
  }
  // decode: each 2xx answer, plain and enveloped.
  for (const [code, r] of Object.entries(op.responses || {})) {
    const status = Number(code);
    if (code.startsWith('2')) {
      const entries = Object.entries(r.content || {});
      if (entries.length === 0) {
        put('decode', decodeSeed(i, status, 'application/json', 0, ''));
        put('decode', decodeSeed(i, 200, 'application/json', 1, { status }));
      }
      for (const [ct, media] of entries) {
        const body = media.example ?? sample(media.schema, false);
        put('decode', decodeSeed(i, status, ct, 0, body));
        put('decode', decodeSeed(i, 200, 'application/json', 1, { status, content: body }));
        // The same with an unknown field and a big int64 where numbers are.
        if (body && typeof body === 'object' && !Array.isArray(body)) {
          put('decode', decodeSeed(i, status, ct, 0, { ...body, someFutureField: { nested: [1, 'x'] } }));
        }
      }
    }
  }
  // decode: the shared error answers, with and without Retry-After.
  for (const e of errorExamples) {
    put('decode', decodeSeed(i, e.status, 'application/json', 0, e.body));
    put('decode', Buffer.concat([decodeSeed(i, 429, 'application/json', 2, ''), enc('Sun, 06 Nov 1994 08:49:37 GMT\n'), enc(e.body)]));
    put('decode', decodeSeed(i, 200, 'application/json', 1, { status: e.status, content: e.body }));
  }
  // options: the known-good options, with the synthesised request body and
  // the query parameters' examples/defaults.
  const opts = { ...BASE_OPTIONS[i] };
  for (let p of op.parameters || []) {
    if (p.$ref) p = resolve(p.$ref);
    if (p?.in === 'query' && p.name !== 'envelope' && p.name !== 'pretty') {
      const v = p.example ?? sample(p.schema, true);
      if (v !== null && v !== undefined) opts[p.name] = v;
    }
  }
  const media = Object.values(op.requestBody?.content || {})[0];
  if (media) opts.body = media.example ?? sample(media.schema, true);
  put('options', Buffer.concat([Buffer.from([i]), enc(opts)]));
  put('options', Buffer.concat([Buffer.from([i]), enc({ ...opts, envelope: true, pretty: true, apiVersion: '2023-01-01', timeoutMs: 1000 })]));
  put('options', Buffer.concat([Buffer.from([i]), enc(BASE_OPTIONS[i])]));
});

// validators: every string example, each under every selector, plus headers and URLs.
const strings = new Set(['https://cloud.mongodb.com', 'http://127.0.0.1:8787/', 'Sun, 06 Nov 1994 08:49:37 GMT', '120', '1.5', '2030-01-31T08:00:00.123+05:30', 'preview', '2023-01-01', 'Cluster0', '..', 'a/b']);
(function walk(o) {
  if (Array.isArray(o)) o.forEach(walk);
  else if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) {
      if (k === 'example' && typeof v === 'string') strings.add(v);
      else walk(v);
    }
  }
})(spec);
for (const s of spec.servers || []) if (s.url) strings.add(s.url);
const num = Buffer.alloc(8);
num.writeDoubleLE(1_700_000_000_000);
for (const s of strings) for (let sel = 0; sel < 16; sel++) put('validators', Buffer.concat([Buffer.from([sel]), num, enc(s)]));

console.log(`seed-corpus: ${written} seeds from ${path.relative(process.cwd(), SPEC) || SPEC} into ${OUT}`);
