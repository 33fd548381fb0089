// The 12 operations of atlas-admin-wasm over real HTTP against the local Atlas
// server, through the package's ESM and CommonJS entry points and through its
// package name (the exports map), as a user installs it.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Mock, PKG_DIR, UNKNOWN_ID, waitForPkg, pathToFileURL } from './support/harness.mjs';

await waitForPkg();
const {
  AtlasClient,
  AtlasError,
  AtlasValidationError,
  AtlasApiError,
  AtlasDecodeError,
  AtlasNetworkError,
  AtlasTimeoutError,
  AtlasAbortError,
} = await import('../../pkg/node/index.mjs');
const require = createRequire(import.meta.url);
const cjs = require('../../pkg/node/index.cjs');

const mock = new Mock();
let seed;
let atlas;
const deprecations = [];

before(async () => {
  await mock.open();
  seed = mock.seed;
  atlas = new AtlasClient({
    baseUrl: mock.url,
    token: 'test-token',
    onDeprecation: (e) => deprecations.push(e),
  });
});
after(() => mock.close());

/** Awaits `p`, which must reject with an instance of `Class`; returns the error. */
async function rejects(p, Class) {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof Class, `expected ${Class.name}, got ${e && e.name}: ${e && e.message}`);
    assert.ok(e instanceof AtlasError && e instanceof Error);
    assert.equal(e.name, Class.name);
    return e;
  }
  assert.fail(`expected a rejection with ${Class.name}`);
}

const future = (days) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('listProjects', () => {
  test('a page of projects with real fields', async () => {
    const page = await atlas.listProjects({ itemsPerPage: 3, pageNum: 1 });
    assert.equal(page.results.length, 3);
    const first = page.results[0];
    assert.equal(first.id, seed.groupId);
    assert.equal(first.name, 'Project 0');
    assert.equal(first.orgId, seed.orgId);
    assert.equal(typeof first.clusterCount, 'number');
    assert.match(first.created, /^\d{4}-\d\d-\d\dT/);
    assert.equal(page.totalCount, seed.projectCount);
    const rels = page.links.map((l) => l.rel);
    assert.ok(rels.includes('self') && rels.includes('next'));
    assert.ok(page.links.every((l) => l.href.startsWith(mock.url)));
  });

  test('no options at all, includeCount false and a page past the end', async () => {
    const all = await atlas.listProjects();
    assert.equal(all.results.length, 100);
    const noCount = await atlas.listProjects({ itemsPerPage: 1, includeCount: false });
    assert.equal(noCount.results.length, 1);
    assert.equal(noCount.totalCount, undefined);
    const past = await atlas.listProjects({ itemsPerPage: 500, pageNum: 100 });
    assert.deepEqual(past.results, []);
  });

  test('an out-of-range page size is refused before sending', async () => {
    const before = await mock.requests();
    const e = await rejects(atlas.listProjects({ itemsPerPage: 501 }), AtlasValidationError);
    assert.equal(e.field, 'itemsPerPage');
    assert.equal(typeof e.rule, 'string');
    assert.equal(await mock.requests(), before);
  });

  test('rateLimit reports the last answer\u2019s RateLimit headers', async () => {
    await atlas.listProjects({ itemsPerPage: 1 });
    const rl = atlas.rateLimit;
    assert.equal(typeof rl.limit, 'number');
    assert.equal(typeof rl.remaining, 'number');
    assert.ok(rl.remaining <= rl.limit);
  });
});

describe('getMaintenanceWindow', () => {
  test('the seeded window', async () => {
    const w = await atlas.getMaintenanceWindow({ groupId: seed.groupId });
    assert.equal(w.dayOfWeek, 7);
    assert.equal(w.hourOfDay, 3);
    assert.equal(w.timeZoneId, 'Europe/Dublin');
    assert.deepEqual(w.protectedHours, { endHourOfDay: 17, startHourOfDay: 9 });
    assert.equal(w.waveAssignment, undefined, 'waveAssignment is a preview field');
  });

  test("apiVersion 'preview' returns waveAssignment", async () => {
    const w = await atlas.getMaintenanceWindow({ groupId: seed.groupId, apiVersion: 'preview' });
    assert.equal(typeof w.waveAssignment, 'number');
    assert.ok(w.waveAssignment >= 1 && w.waveAssignment <= 3);
    assert.equal(typeof w.effectiveWaveAssignment, 'number');
    assert.equal(w.dayOfWeek, 7);
  });

  test('an unknown project is a 404 AtlasApiError with every field', async () => {
    const e = await rejects(atlas.getMaintenanceWindow({ groupId: UNKNOWN_ID }), AtlasApiError);
    assert.ok(e instanceof Error);
    assert.equal(e.status, 404);
    assert.equal(e.errorCode, 'RESOURCE_NOT_FOUND');
    assert.equal(typeof e.detail, 'string');
    assert.ok(e.detail.length > 0);
    assert.equal(e.method, 'GET');
    assert.equal(e.path, `/api/atlas/v2/groups/${UNKNOWN_ID}/maintenanceWindow`);
    assert.equal(e.operation, 'getMaintenanceWindow');
    assert.equal(typeof e.rawBody, 'string');
    const raw = JSON.parse(e.rawBody);
    assert.equal(raw.errorCode, 'RESOURCE_NOT_FOUND');
    assert.equal(raw.detail, e.detail);
    assert.ok(e.message.includes('404'));
    assert.equal(typeof e.stack, 'string');
  });

  test('an id that is not 24 hex digits is refused before sending', async () => {
    const e = await rejects(atlas.getMaintenanceWindow({ groupId: 'not-an-id' }), AtlasValidationError);
    assert.equal(e.field, 'groupId');
  });
});

describe('createApiKey', () => {
  test('creates a key and returns its one-time private key', async () => {
    const k = await atlas.createApiKey({
      orgId: seed.orgId,
      body: { desc: 'node suite key', roles: ['ORG_MEMBER', 'ORG_READ_ONLY'] },
    });
    assert.equal(k.desc, 'node suite key');
    assert.match(k.id, /^[0-9a-f]{24}$/);
    assert.equal(typeof k.privateKey, 'string');
    assert.ok(k.privateKey.length >= 8);
    assert.equal(k.publicKey.length, 8);
    assert.deepEqual(k.roles.map((r) => r.roleName).sort(), ['ORG_MEMBER', 'ORG_READ_ONLY']);
    assert.ok(k.roles.every((r) => r.orgId === seed.orgId));
  });

  test('an unknown organization is a 404', async () => {
    const e = await rejects(
      atlas.createApiKey({ orgId: UNKNOWN_ID, body: { desc: 'x', roles: ['ORG_MEMBER'] } }),
      AtlasApiError,
    );
    assert.equal(e.status, 404);
    assert.equal(e.method, 'POST');
    assert.equal(e.path, `/api/atlas/v2/orgs/${UNKNOWN_ID}/apiKeys`);
  });

  test('a role Atlas does not have is refused with its index', async () => {
    const e = await rejects(
      atlas.createApiKey({ orgId: seed.orgId, body: { desc: 'x', roles: ['ORG_MEMBER', 'GROUP_OWNER'] } }),
      AtlasValidationError,
    );
    assert.equal(e.field, 'body.roles[1]');
  });
});

describe('validateAtlasResourcePolicy', () => {
  const policy = 'forbid (principal, action == cloud::Action::"cluster.createEdit", resource);';

  test('a valid policy comes back as Atlas would store it', async () => {
    const p = await atlas.validateAtlasResourcePolicy({
      orgId: seed.orgId,
      body: { name: 'no-edits', description: 'suite', policies: [{ body: policy }] },
    });
    assert.equal(p.name, 'no-edits');
    assert.equal(p.orgId, seed.orgId);
    assert.equal(p.policies.length, 1);
    assert.equal(p.policies[0].body, policy);
    assert.match(p.policies[0].id, /^[0-9a-f]{24}$/);
    assert.equal(typeof p.version, 'string');
  });

  test('a policy that does not parse is a 400 with errorType and invalidPolicies', async () => {
    const e = await rejects(
      atlas.validateAtlasResourcePolicy({
        orgId: seed.orgId,
        body: { name: 'broken', policies: [{ body: 'permit (principal, action, resource' }] },
      }),
      AtlasApiError,
    );
    assert.equal(e.status, 400);
    assert.equal(e.errorType, 'POLICY_PARSING_ERROR');
    assert.ok(Array.isArray(e.invalidPolicies));
    assert.equal(e.invalidPolicies.length, 1);
    assert.equal(e.invalidPolicies[0].body, 'permit (principal, action, resource');
    assert.ok(e.invalidPolicies[0].errors.length >= 1);
    assert.equal(typeof e.invalidPolicies[0].errors[0].detail, 'string');
    assert.equal(e.operation, 'validateAtlasResourcePolicy');
    assert.equal(JSON.parse(e.rawBody).errorType, 'POLICY_PARSING_ERROR');
  });

  test('an empty policy list is refused before sending', async () => {
    const e = await rejects(
      atlas.validateAtlasResourcePolicy({ orgId: seed.orgId, body: { name: 'x', policies: [] } }),
      AtlasValidationError,
    );
    assert.equal(e.field, 'body.policies');
  });
});

describe('createDatabaseUserCertificate', () => {
  test('resolves to PEM text: certificate and private key', async () => {
    const pem = await atlas.createDatabaseUserCertificate({
      groupId: seed.groupId,
      username: seed.username,
      body: { monthsUntilExpiration: 1 },
    });
    assert.equal(typeof pem, 'string');
    assert.ok(pem.includes('-----BEGIN CERTIFICATE-----'));
    assert.ok(pem.includes('PRIVATE KEY-----'));
    const cert = new X509Certificate(pem);
    assert.match(cert.subject, /CN=alice/);
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    assert.ok(days > 20 && days < 40, `about one month of validity, got ${days} days`);
    const keyPem = pem.slice(pem.indexOf('-----BEGIN PRIVATE KEY-----'));
    assert.equal(createPrivateKey(keyPem).asymmetricKeyType, 'ec');
  });

  test('without a body, and a username with a slash stays one path segment', async () => {
    const pem = await atlas.createDatabaseUserCertificate({ groupId: seed.groupId, username: 'ops/../x' });
    assert.ok(pem.includes('BEGIN CERTIFICATE'));
    assert.match(new X509Certificate(pem).subject, /CN=ops\/\.\.\/x/);
  });

  test('an unknown user is a 404 and a conflicting one a 409', async () => {
    const e = await rejects(
      atlas.createDatabaseUserCertificate({ groupId: seed.groupId, username: seed.missingUsername }),
      AtlasApiError,
    );
    assert.equal(e.status, 404);
    assert.equal(e.method, 'POST');
    const c = await rejects(
      atlas.createDatabaseUserCertificate({ groupId: seed.groupId, username: seed.conflictUsername }),
      AtlasApiError,
    );
    assert.equal(c.status, 409);
    assert.equal(c.errorCode, 'X509_CERTIFICATE_CONFLICT');
  });

  test('monthsUntilExpiration outside 1-24 is refused before sending', async () => {
    const e = await rejects(
      atlas.createDatabaseUserCertificate({
        groupId: seed.groupId,
        username: 'alice',
        body: { monthsUntilExpiration: 25 },
      }),
      AtlasValidationError,
    );
    assert.equal(e.field, 'body.monthsUntilExpiration');
  });
});

describe('deleteExportBucket', () => {
  test('204 resolves to undefined; a second delete is a 404', async () => {
    const id = seed.exportBucketIds[1];
    const r = await atlas.deleteExportBucket({ groupId: seed.groupId, exportBucketId: id });
    assert.equal(r, undefined);
    const e = await rejects(atlas.deleteExportBucket({ groupId: seed.groupId, exportBucketId: id }), AtlasApiError);
    assert.equal(e.status, 404);
    assert.equal(e.method, 'DELETE');
    assert.equal(e.path, `/api/atlas/v2/groups/${seed.groupId}/backup/exportBuckets/${id}`);
  });

  test('pretty is not an option of this operation', async () => {
    const e = await rejects(
      atlas.deleteExportBucket({ groupId: seed.groupId, exportBucketId: seed.exportBucketIds[2], pretty: true }),
      AtlasValidationError,
    );
    assert.equal(e.field, 'pretty');
  });
});

describe('returnFederatedDatabaseQueryLimit', () => {
  test('a query limit with 64-bit values as exact numbers', async () => {
    const l = await atlas.returnFederatedDatabaseQueryLimit({
      groupId: seed.groupId,
      tenantName: seed.tenantName,
      limitName: 'bytesProcessed.daily',
    });
    assert.equal(l.name, 'bytesProcessed.daily');
    assert.equal(l.tenantName, seed.tenantName);
    assert.ok(typeof l.value === 'number' || typeof l.value === 'bigint');
    assert.ok(Number.isSafeInteger(Number(l.value)) && Number(l.value) > 2 ** 32);
    assert.equal(typeof l.overrunPolicy, 'string');
  });

  test('an unknown tenant is a 404; an unknown limit name is refused', async () => {
    const e = await rejects(
      atlas.returnFederatedDatabaseQueryLimit({
        groupId: seed.groupId,
        tenantName: 'no-such-tenant',
        limitName: 'bytesProcessed.query',
      }),
      AtlasApiError,
    );
    assert.equal(e.status, 404);
    const v = await rejects(
      atlas.returnFederatedDatabaseQueryLimit({
        groupId: seed.groupId,
        tenantName: seed.tenantName,
        limitName: 'bytesProcessed.hourly',
      }),
      AtlasValidationError,
    );
    assert.equal(v.field, 'limitName');
  });
});

describe('listPipelines (deprecated)', () => {
  test('the seeded pipelines, and one deprecation notice per client', async () => {
    const list = await atlas.listPipelines({ groupId: seed.groupId });
    await atlas.listPipelines({ groupId: seed.groupId });
    assert.ok(Array.isArray(list));
    assert.deepEqual(list.map((p) => p.name).sort(), ['movies-periodic', 'sales-on-demand']);
    const od = list.find((p) => p.name === 'sales-on-demand');
    assert.equal(od.source.type, 'ON_DEMAND_CPS');
    assert.equal(od.sink.type, 'DLS');
    const events = deprecations.filter((d) => d.operation === 'listPipelines');
    assert.equal(events.length, 1);
    assert.equal(events[0].sunset, '2025-09-30');
    assert.equal(typeof events[0].message, 'string');
  });

  test('an unknown project is a 404', async () => {
    const e = await rejects(atlas.listPipelines({ groupId: UNKNOWN_ID }), AtlasApiError);
    assert.equal(e.status, 404);
    assert.equal(e.operation, 'listPipelines');
  });
});

describe('deleteIdentityProvider', () => {
  test('204 resolves to undefined; a second delete is a 404', async () => {
    const id = seed.identityProviderIds[1];
    const r = await atlas.deleteIdentityProvider({
      federationSettingsId: seed.federationSettingsId,
      identityProviderId: id,
    });
    assert.equal(r, undefined);
    const e = await rejects(
      atlas.deleteIdentityProvider({ federationSettingsId: seed.federationSettingsId, identityProviderId: id }),
      AtlasApiError,
    );
    assert.equal(e.status, 404);
    assert.equal(e.method, 'DELETE');
  });

  test("'..' as identity provider id is refused", async () => {
    const e = await rejects(
      atlas.deleteIdentityProvider({ federationSettingsId: seed.federationSettingsId, identityProviderId: '..' }),
      AtlasValidationError,
    );
    assert.equal(e.field, 'identityProviderId');
  });
});

describe('legacy snapshots (deprecated)', () => {
  const where = () => ({ groupId: seed.groupId, clusterName: seed.clusterName, snapshotId: seed.snapshotId });

  test('getLegacySnapshot returns the seeded snapshot', async () => {
    const s = await atlas.getLegacySnapshot(where());
    assert.equal(s.id, seed.snapshotId);
    assert.equal(s.clusterName, seed.clusterName);
    assert.equal(s.groupId, seed.groupId);
    assert.equal(typeof s.complete, 'boolean');
    assert.ok(Array.isArray(s.parts) && s.parts.length > 0);
    assert.equal(typeof s.created.date, 'string');
  });

  test('an unknown snapshot is a 404', async () => {
    const e = await rejects(atlas.getLegacySnapshot({ ...where(), snapshotId: UNKNOWN_ID }), AtlasApiError);
    assert.equal(e.status, 404);
    assert.equal(e.operation, 'getLegacySnapshot');
  });

  test('GET -> edit -> PATCH with the whole read-back object succeeds', async () => {
    const snap = await atlas.getLegacySnapshot(where());
    // The read-back object carries read-only fields; they must not stop the PATCH.
    for (const k of ['id', 'clusterId', 'clusterName', 'groupId', 'parts', 'links', 'created', 'complete']) {
      assert.ok(k in snap, `read-back snapshot has ${k}`);
    }
    const expires = future(45);
    snap.expires = expires;
    snap.doNotDelete = false;
    const updated = await atlas.updateLegacySnapshotRetention({ ...where(), body: snap });
    assert.equal(updated.id, seed.snapshotId);
    assert.equal(Date.parse(updated.expires), Date.parse(expires));
    const again = await atlas.getLegacySnapshot(where());
    assert.equal(Date.parse(again.expires), Date.parse(expires));
  });

  test('an expiry in the past is refused by Atlas with a 400 naming the field', async () => {
    const e = await rejects(
      atlas.updateLegacySnapshotRetention({ ...where(), body: { expires: '2001-01-01T00:00:00Z' } }),
      AtlasApiError,
    );
    assert.equal(e.status, 400);
    assert.equal(e.errorCode, 'VALIDATION_ERROR');
    assert.equal(e.method, 'PATCH');
    assert.ok(e.badRequestDetail.fields.some((f) => f.field.includes('expires')));
  });

  test('doNotDelete: true together with expires is refused before sending', async () => {
    const e = await rejects(
      atlas.updateLegacySnapshotRetention({ ...where(), body: { doNotDelete: true, expires: future(3) } }),
      AtlasValidationError,
    );
    assert.equal(e.field, 'body.expires');
  });
});

describe('updateAtlasSearchIndexDeprecated (deprecated)', () => {
  const where = () => ({ groupId: seed.groupId, clusterName: seed.clusterName, indexId: seed.searchIndexId });

  test('read-back index with read-only fields and an unknown field: the field comes back', async () => {
    const stored = await mock.api(`/groups/${seed.groupId}/clusters/${seed.clusterName}/fts/indexes/${seed.searchIndexId}`);
    assert.equal(stored.indexID, seed.searchIndexId);
    assert.ok('status' in stored);
    const body = structuredClone(stored);
    body.searchAnalyzer = 'lucene.english';
    body.fieldAtlasAddsLater = { keep: ['me', 1], nested: { deep: true } };
    const out = await atlas.updateAtlasSearchIndexDeprecated({ ...where(), body });
    assert.equal(out.indexID, seed.searchIndexId);
    assert.equal(out.searchAnalyzer, 'lucene.english');
    assert.deepEqual(out.fieldAtlasAddsLater, { keep: ['me', 1], nested: { deep: true } });
    assert.equal(out.analyzers.length, stored.analyzers.length);
    assert.deepEqual(out.analyzers[0].tokenizer, stored.analyzers[0].tokenizer);
    // The server stored what was sent, the unknown field included.
    const after = await mock.api(`/groups/${seed.groupId}/clusters/${seed.clusterName}/fts/indexes/${seed.searchIndexId}`);
    assert.deepEqual(after.fieldAtlasAddsLater, { keep: ['me', 1], nested: { deep: true } });
    assert.equal(after.searchAnalyzer, 'lucene.english');
  });

  test('a vector search index round-trips its fields', async () => {
    const stored = await mock.api(
      `/groups/${seed.groupId}/clusters/${seed.clusterName}/fts/indexes/${seed.vectorSearchIndexId}`,
    );
    stored.fields[0].numDimensions = 768;
    const out = await atlas.updateAtlasSearchIndexDeprecated({
      ...where(),
      indexId: seed.vectorSearchIndexId,
      body: stored,
    });
    assert.equal(out.type, 'vectorSearch');
    assert.equal(out.fields[0].numDimensions, 768);
    assert.equal(out.fields[0].similarity, 'cosine');
  });

  test('the locked index is a 409; a reserved analyzer name is refused', async () => {
    const body = { collectionName: 'movies', database: 'sample_mflix', name: 'default' };
    const e = await rejects(
      atlas.updateAtlasSearchIndexDeprecated({ ...where(), indexId: seed.lockedSearchIndexId, body }),
      AtlasApiError,
    );
    assert.equal(e.status, 409);
    assert.equal(e.errorCode, 'SEARCH_INDEX_UPDATE_IN_PROGRESS');
    assert.equal(e.method, 'PATCH');
    const v = await rejects(
      atlas.updateAtlasSearchIndexDeprecated({
        ...where(),
        body: { ...body, analyzers: [{ name: 'lucene.mine', tokenizer: { type: 'standard' } }] },
      }),
      AtlasValidationError,
    );
    assert.equal(v.field, 'body.analyzers[0].name');
  });
});

describe('shared call options', () => {
  test('envelope: the answer is unwrapped, errors keep the real status, 204 stays undefined', async () => {
    const w = await atlas.getMaintenanceWindow({ groupId: seed.groupId, envelope: true });
    assert.equal(w.dayOfWeek, 7);
    assert.equal(w.status, undefined);
    assert.equal(w.content, undefined);
    const page = await atlas.listProjects({ itemsPerPage: 2, envelope: true });
    assert.equal(page.results.length, 2);
    const e = await rejects(atlas.getMaintenanceWindow({ groupId: UNKNOWN_ID, envelope: true }), AtlasApiError);
    assert.equal(e.status, 404);
    assert.equal(e.errorCode, 'RESOURCE_NOT_FOUND');
    assert.ok(e.path.includes('envelope=true'));
    const d = await atlas.deleteExportBucket({
      groupId: seed.groupId,
      exportBucketId: seed.exportBucketIds[2],
      envelope: true,
    });
    assert.equal(d, undefined);
  });

  test('pretty: same decoded result', async () => {
    const a = await atlas.getMaintenanceWindow({ groupId: seed.groupId });
    const b = await atlas.getMaintenanceWindow({ groupId: seed.groupId, pretty: true });
    assert.deepEqual(b, a);
    const s = await atlas.getLegacySnapshot({
      groupId: seed.groupId,
      clusterName: seed.clusterName,
      snapshotId: seed.snapshotId,
      pretty: true,
      envelope: true,
    });
    assert.equal(s.id, seed.snapshotId);
  });

  test('an AbortSignal that has not fired and a timeout that is not reached change nothing', async () => {
    const w = await atlas.getMaintenanceWindow({
      groupId: seed.groupId,
      signal: new AbortController().signal,
      timeoutMs: 10_000,
    });
    assert.equal(w.dayOfWeek, 7);
  });
});

describe('authentication', () => {
  test('getToken as an async callback is called before each request', async () => {
    let calls = 0;
    const c = new AtlasClient({
      baseUrl: mock.url,
      getToken: async () => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 5));
        return 'test-token';
      },
    });
    const w = await c.getMaintenanceWindow({ groupId: seed.groupId });
    assert.equal(w.dayOfWeek, 7);
    await c.listProjects({ itemsPerPage: 1 });
    assert.equal(calls, 2);
  });

  test('a synchronous getToken works too', async () => {
    const c = new AtlasClient({ baseUrl: mock.url, getToken: () => 'test-token' });
    const page = await c.listProjects({ itemsPerPage: 1 });
    assert.equal(page.results.length, 1);
  });

  test("a getToken resolving '' is refused as AtlasValidationError and nothing is sent", async () => {
    const before = await mock.requests();
    const c = new AtlasClient({ baseUrl: mock.url, getToken: async () => '' });
    const e = await rejects(c.getMaintenanceWindow({ groupId: seed.groupId }), AtlasValidationError);
    assert.equal(e.field, 'getToken');
    assert.equal(await mock.requests(), before);
  });

  test('a wrong token is a 401 AtlasApiError', async () => {
    const c = new AtlasClient({ baseUrl: mock.url, token: 'not-the-token' });
    const e = await rejects(c.listProjects({ itemsPerPage: 1 }), AtlasApiError);
    assert.equal(e.status, 401);
    assert.equal(e.errorCode, 'UNAUTHORIZED');
  });

  test('a service-account access token from the OAuth endpoint works', async () => {
    const r = await fetch(mock.url + '/api/oauth/token', {
      method: 'POST',
      headers: {
        authorization: 'Basic ' + Buffer.from('mdb_sa_id_test:mdb_sa_sk_test').toString('base64'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    assert.equal(r.status, 200);
    const { access_token: token } = await r.json();
    const c = new AtlasClient({ baseUrl: mock.url, getToken: () => token });
    const w = await c.getMaintenanceWindow({ groupId: seed.groupId });
    assert.equal(w.timeZoneId, 'Europe/Dublin');
  });
});

describe('service-account credentials', () => {
  test('clientId and clientSecret: the client fetches a token and calls with it', async () => {
    const before = await mock.stats();
    const c = new AtlasClient({ baseUrl: mock.url, clientId: 'mdb_sa_id_test', clientSecret: 'mdb_sa_sk_test' });
    const w = await c.getMaintenanceWindow({ groupId: seed.groupId });
    assert.equal(w.dayOfWeek, 7);
    const page = await c.listProjects({ itemsPerPage: 1 });
    assert.equal(page.results.length, 1);
    const after = await mock.stats();
    assert.ok(after.tokensIssued > before.tokensIssued, 'a token was issued');
    assert.equal(after.requests - before.requests, 2);
  });
});

describe('entry points', () => {
  const names = [
    'AtlasClient',
    'AtlasError',
    'AtlasValidationError',
    'AtlasApiError',
    'AtlasDecodeError',
    'AtlasNetworkError',
    'AtlasTimeoutError',
    'AtlasAbortError',
  ];
  const esm = {
    AtlasClient,
    AtlasError,
    AtlasValidationError,
    AtlasApiError,
    AtlasDecodeError,
    AtlasNetworkError,
    AtlasTimeoutError,
    AtlasAbortError,
  };

  test('CommonJS require exports the same classes as the ESM entry', () => {
    for (const n of names) {
      assert.equal(typeof cjs[n], 'function', n);
      assert.equal(cjs[n], esm[n], `${n} is the same class in both entry points`);
    }
    for (const n of names.slice(2)) {
      assert.ok(cjs[n].prototype instanceof cjs.AtlasError, `${n} extends AtlasError`);
    }
    assert.ok(cjs.AtlasError.prototype instanceof Error);
  });

  test('a CommonJS client works and its errors are instanceof the ESM classes (and back)', async () => {
    const c = new cjs.AtlasClient({ baseUrl: mock.url, token: 'test-token' });
    const w = await c.getMaintenanceWindow({ groupId: seed.groupId });
    assert.equal(w.dayOfWeek, 7);
    const e1 = await rejects(c.getMaintenanceWindow({ groupId: UNKNOWN_ID }), AtlasApiError);
    assert.ok(e1 instanceof cjs.AtlasApiError);
    const e2 = await rejects(atlas.getMaintenanceWindow({ groupId: 'x' }), AtlasValidationError);
    assert.ok(e2 instanceof cjs.AtlasValidationError && e2 instanceof cjs.AtlasError);
    assert.ok(!(e2 instanceof cjs.AtlasApiError));
  });

  test('the package resolves by name through its exports map (import and require)', async () => {
    const pkgJson = require('../../pkg/package.json');
    assert.equal(pkgJson.name, 'atlas-admin-wasm');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-admin-wasm-consumer-'));
    try {
      fs.mkdirSync(path.join(dir, 'node_modules'));
      fs.symlinkSync(PKG_DIR, path.join(dir, 'node_modules', pkgJson.name), 'dir');
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module' }));
      const probe = path.join(dir, 'probe.mjs');
      fs.writeFileSync(
        probe,
        [
          "import * as byName from 'atlas-admin-wasm';",
          "import { createRequire } from 'node:module';",
          'const require = createRequire(import.meta.url);',
          "export const required = require('atlas-admin-wasm');",
          "export const requiredPkgJson = require('atlas-admin-wasm/package.json');",
          "export const importPath = import.meta.resolve('atlas-admin-wasm');",
          "export const requirePath = require.resolve('atlas-admin-wasm');",
          'export function privatePath() {',
          "  try { require.resolve('atlas-admin-wasm/node/atlas_admin_wasm.js'); return 'resolved'; }",
          '  catch (e) { return e.code; }',
          '}',
          'export { byName };',
        ].join('\n'),
      );
      const m = await import(pathToFileURL(probe).href);
      assert.ok(m.importPath.endsWith('/node/index.mjs'), m.importPath);
      assert.ok(m.requirePath.endsWith(path.join('node', 'index.cjs')), m.requirePath);
      assert.equal(m.requiredPkgJson.version, pkgJson.version);
      assert.equal(m.privatePath(), 'ERR_PACKAGE_PATH_NOT_EXPORTED');
      for (const n of names) {
        assert.equal(m.byName[n], esm[n], `import('atlas-admin-wasm').${n}`);
        assert.equal(m.required[n], esm[n], `require('atlas-admin-wasm').${n}`);
      }
      const c = new m.byName.AtlasClient({ baseUrl: mock.url, token: 'test-token' });
      const page = await c.listProjects({ itemsPerPage: 2 });
      assert.equal(page.results[0].id, seed.groupId);
      const e = await rejects(c.listProjects({ itemsPerPage: 0 }), m.required.AtlasValidationError);
      assert.equal(e.field, 'itemsPerPage');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('client toString and toJSON show the base URL only', () => {
    assert.equal(String(atlas), `AtlasClient(${mock.url})`);
    assert.deepEqual(JSON.parse(JSON.stringify(atlas)), { baseUrl: mock.url });
    assert.equal(atlas.baseUrl, mock.url);
  });
});

describe('transport errors have their classes', () => {
  test('a 2xx body that is not the result is an AtlasDecodeError with the raw body', async () => {
    await mock.arm('nonjson', '/maintenanceWindow');
    const e = await rejects(atlas.getMaintenanceWindow({ groupId: seed.groupId }), AtlasDecodeError);
    assert.equal(e.status, 200);
    assert.equal(e.operation, 'getMaintenanceWindow');
    assert.equal(typeof e.rawBody, 'string');
    assert.ok(e.rawBody.length > 0);
  });

  test('a closed port is an AtlasNetworkError with a cause', async () => {
    // Port 9 (fetch refuses it as a "bad port") and a port that was just freed.
    const srv = net.createServer();
    await new Promise((r) => srv.listen(0, '127.0.0.1', r));
    const freed = srv.address().port;
    await new Promise((r) => srv.close(r));
    for (const baseUrl of ['http://127.0.0.1:9', `http://127.0.0.1:${freed}`]) {
      const c = new AtlasClient({ baseUrl, token: 'test-token', retry: false });
      const e = await rejects(c.listProjects(), AtlasNetworkError);
      assert.ok(e.cause !== undefined);
      assert.ok(e.message.startsWith('GET /api/atlas/v2/groups'), e.message);
    }
  });

  test('timeoutMs and an aborted signal', async () => {
    await mock.arm('delay:3000', '/maintenanceWindow', 2);
    const t = await rejects(
      atlas.getMaintenanceWindow({ groupId: seed.groupId, timeoutMs: 100 }),
      AtlasTimeoutError,
    );
    assert.equal(t.timeoutMs, 100);
    const ac = new AbortController();
    const reason = new Error('user left');
    setTimeout(() => ac.abort(reason), 50);
    const a = await rejects(atlas.getMaintenanceWindow({ groupId: seed.groupId, signal: ac.signal }), AtlasAbortError);
    assert.equal(a.cause, reason);
  });
});
