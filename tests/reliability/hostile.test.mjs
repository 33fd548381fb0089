// Hostile responses: a local server answers the client with truncated JSON,
// wrong types, unknown fields and enum values, deep nesting, int64 edge
// values, a 20 MB body, a body that never ends, wrong or missing content
// types and cross-origin redirects. Every call must end in a typed result or
// an AtlasError subclass within its timeout, with no unhandled rejection.
//
//   node --test tests/reliability/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CALLS, EMPTY_OPS, G, ORG, loadPkg, startServer, settle } from './support.mjs';

const { AtlasClient, AtlasApiError, AtlasDecodeError, AtlasNetworkError, AtlasTimeoutError } = await loadPkg();

const TOKEN = 'hostile-test-secret-token-0123456789';
const CT = 'application/vnd.atlas.2023-01-01+json';
const unhandled = [];
const onUnhandled = (e) => unhandled.push(e);
process.on('unhandledRejection', onUnhandled);

let srv;
let other; // another origin: redirects point here; it must never be reached
let client;
before(async () => {
  srv = await startServer();
  other = await startServer();
  client = new AtlasClient({ baseUrl: srv.url, token: TOKEN, timeoutMs: 5_000, retry: false, onDeprecation: () => {} });
});
after(async () => {
  await srv.close();
  await other.close();
  process.off('unhandledRejection', onUnhandled);
});

/** Answers every request with `status`, `headers` and `body`. */
function answer(status, headers, body = '') {
  srv.handle = (req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}
const json = (status, body, ct = CT) => answer(status, { 'content-type': ct }, typeof body === 'string' ? body : JSON.stringify(body));
const call = (op, extra = {}) => settle(client[op]({ ...CALLS[op], ...extra }), 20_000, op);

// Realistic 2xx bodies (the local Atlas server's answers).
const project = (i = 0) => ({
  id: i === 0 ? G : i.toString(16).padStart(24, '0'), name: `Project ${i}`, orgId: ORG, clusterCount: 1,
  created: '2021-03-01T09:00:00Z', links: [{ rel: 'self', href: `https://cloud.mongodb.com/api/atlas/v2/groups/${G}` }],
});
const page = (results = [project()]) => ({ links: [{ rel: 'self', href: 'https://cloud.mongodb.com/api/atlas/v2/groups' }], results, totalCount: results.length });
const pipeline = {
  _id: '32b6e34b3d91647abb20e7d0', name: 'sales-on-demand', groupId: G, state: 'ACTIVE', createdDate: '2024-06-01T03:00:00Z',
  source: { type: 'ON_DEMAND_CPS', clusterName: 'Cluster0', databaseName: 'd', collectionName: 'c', groupId: G },
  sink: { type: 'DLS', metadataProvider: 'AWS', metadataRegion: 'US_EAST_1', partitionFields: [{ fieldName: 'f', order: 0 }] },
  transformations: [{ field: 'customer.email', type: 'EXCLUDE' }],
};
const BODIES = {
  listProjects: page(),
  getMaintenanceWindow: { autoDeferOnceEnabled: true, dayOfWeek: 7, hourOfDay: 3, protectedHours: { startHourOfDay: 9, endHourOfDay: 17 }, startASAP: false, timeZoneId: 'Europe/Dublin' },
  createApiKey: { id: G, desc: 'ci', privateKey: '55c3bbb6-b4bb-0be1-e66d-20841f3e0000', publicKey: 'zmmrboas', roles: [{ orgId: ORG, roleName: 'ORG_MEMBER' }] },
  validateAtlasResourcePolicy: { id: G, name: 'p', orgId: ORG, version: 'v1', policies: [{ id: G, body: 'forbid(principal, action, resource);' }] },
  createDatabaseUserCertificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n',
  returnFederatedDatabaseQueryLimit: { name: 'bytesProcessed.query', tenantName: 'tenant0', value: 1099511627776, overrunPolicy: 'BLOCK' },
  listPipelines: [pipeline],
  getLegacySnapshot: { id: '5f4007f327a3bd7b6f4103c5', clusterName: 'Cluster0', groupId: G, complete: true, doNotDelete: false, expires: '2024-07-01T02:00:00Z', parts: [] },
  updateLegacySnapshotRetention: { id: '5f4007f327a3bd7b6f4103c5', clusterName: 'Cluster0', groupId: G, complete: true, doNotDelete: true, parts: [] },
  updateAtlasSearchIndexDeprecated: { collectionName: 'c', database: 'd', name: 'n', indexID: '6524ed3e5e8b1a4f7f123abc', status: 'STEADY', mappings: { dynamic: true } },
};
const statusOf = (op) => (op === 'createDatabaseUserCertificate' ? 201 : 200);

test('the realistic bodies decode (baseline for the hostile variants)', async (t) => {
  for (const op of Object.keys(CALLS)) {
    if (EMPTY_OPS.has(op)) answer(204, { 'content-type': CT });
    else json(statusOf(op), BODIES[op]);
    const r = await call(op);
    assert.ok(r.ok, `${op}: ${r.error}`);
  }
});

test('truncated JSON: AtlasDecodeError with the raw text, for every operation', async (t) => {
  for (const op of Object.keys(CALLS)) {
    if (EMPTY_OPS.has(op)) continue;
    const full = JSON.stringify(BODIES[op]);
    for (const cut of [1, full.length >> 1, full.length - 1]) {
      const body = full.slice(0, cut);
      json(statusOf(op), body);
      const r = await call(op);
      assert.ok(!r.ok && r.error instanceof AtlasDecodeError, `${op} cut at ${cut}: ${r.ok ? 'resolved' : r.error}`);
      assert.equal(r.error.rawBody, body);
      assert.equal(r.error.status, statusOf(op));
    }
  }
  // An empty 200 body.
  json(200, '');
  const r = await call('listProjects');
  assert.ok(r.error instanceof AtlasDecodeError);
});

test('a connection closed mid-body (Content-Length not met): AtlasNetworkError', async (t) => {
  srv.handle = (req, res) => {
    res.writeHead(200, { 'content-type': CT, 'content-length': '5000' });
    res.write(JSON.stringify(page()).slice(0, 40));
    setTimeout(() => res.socket.destroy(), 20);
  };
  const r = await call('listProjects');
  assert.ok(r.error instanceof AtlasNetworkError, String(r.error));
});

test('wrong types in every field of a listProjects page: AtlasDecodeError naming the field', async (t) => {
  const wrong = { string: [5, true, {}, [], null], number: ['1', true, {}, [], 1.5, null], array: ['x', 5, {}], bool: ['true', 1] };
  const fields = {
    id: 'string', name: 'string', orgId: 'string', created: 'string', clusterCount: 'number',
    links: 'array', tags: 'array', regionUsageRestrictions: 'string', withDefaultAlertsSettings: 'bool',
  };
  const optional = new Set(['id', 'links', 'tags', 'regionUsageRestrictions', 'withDefaultAlertsSettings']);
  let cases = 0;
  for (const [field, kind] of Object.entries(fields)) {
    for (const v of wrong[kind]) {
      if (v === null && optional.has(field)) continue; // null means "not given" for optional fields
      json(200, page([{ ...project(), [field]: v }]));
      const r = await call('listProjects');
      cases++;
      assert.ok(!r.ok && r.error instanceof AtlasDecodeError, `${field} = ${JSON.stringify(v)}: ${r.ok ? 'resolved' : r.error}`);
      assert.match(r.error.message, new RegExp(`results\\[0\\]\\.${field}`), `${field}: ${r.error.message}`);
    }
  }
  for (const [bad, path] of [
    [{ ...page(), results: 'a string' }, 'results'], [{ ...page(), results: null }, 'results'],
    [{ ...page(), results: { 0: project() } }, 'results'], [{ ...page(), totalCount: '1' }, 'totalCount'],
    [{ ...page(), links: {} }, 'links'], [{ ...page(), results: [1] }, 'results[0]'],
    [{ ...page(), links: [{ rel: 5, href: 'x' }] }, 'links[0].rel'], [{ links: [] }, 'results'],
  ]) {
    json(200, bad);
    const r = await call('listProjects');
    cases++;
    assert.ok(r.error instanceof AtlasDecodeError, `${JSON.stringify(bad).slice(0, 60)}: ${r.ok ? 'resolved' : r.error}`);
    assert.ok(r.error.message.includes(path), `${path}: ${r.error.message}`);
  }
  // Every operation: a top-level value of the wrong JSON type.
  for (const op of Object.keys(CALLS)) {
    if (EMPTY_OPS.has(op)) continue;
    const tops = ['5', 'true', 'null', '"text"', op === 'listPipelines' ? '{}' : '[]'];
    for (const top of tops) {
      json(statusOf(op), top);
      const r = await call(op);
      cases++;
      assert.ok(r.error instanceof AtlasDecodeError, `${op} ← ${top}: ${r.ok ? JSON.stringify(r.value) : r.error}`);
      assert.equal(r.error.rawBody, top);
    }
  }
  t.diagnostic(`${cases} wrong-type cases`);
});

test('unknown fields and unknown enum values survive into the result', async (t) => {
  json(200, {
    ...page([{ ...project(), regionUsageRestrictions: 'MARS_REGIONS_ONLY', futureField: { a: [1, 'b', null] } }]),
    futureTop: 'kept',
  });
  let r = await call('listProjects');
  assert.ok(r.ok, String(r.error));
  assert.equal(r.value.results[0].regionUsageRestrictions, 'MARS_REGIONS_ONLY');
  assert.deepEqual(r.value.results[0].futureField, { a: [1, 'b', null] });
  assert.equal(r.value.futureTop, 'kept');

  json(200, [{
    ...pipeline, state: 'HIBERNATING', futureFlag: true,
    source: { type: 'FUTURE_SOURCE', somewhere: 'else' },
    sink: { ...pipeline.sink, metadataRegion: 'MARS_NORTH_1' },
    transformations: [{ field: 'x', type: 'OBFUSCATE' }],
  }]);
  r = await call('listPipelines');
  assert.ok(r.ok, String(r.error));
  const p = r.value[0];
  assert.equal(p.state, 'HIBERNATING');
  assert.equal(p.futureFlag, true);
  assert.deepEqual(p.source, { type: 'FUTURE_SOURCE', somewhere: 'else' });
  assert.equal(p.sink.metadataRegion, 'MARS_NORTH_1');
  assert.equal(p.transformations[0].type, 'OBFUSCATE');

  json(200, { ...BODIES.returnFederatedDatabaseQueryLimit, overrunPolicy: 'SUSPEND_FOREVER', newCounter: 7 });
  r = await call('returnFederatedDatabaseQueryLimit');
  assert.ok(r.ok, String(r.error));
  assert.equal(r.value.overrunPolicy, 'SUSPEND_FOREVER');
  assert.equal(r.value.newCounter, 7);
});

test('deep nesting (10,000 levels in an unknown field) ends typed', async (t) => {
  for (const [open, close] of [['[', ']'], ['{"a":', '}']]) {
    const deep = open.repeat(10_000) + '1' + close.repeat(10_000);
    const body = JSON.stringify(page()).replace('"totalCount"', `"deep":${deep},"totalCount"`);
    json(200, body);
    const r = await call('listProjects');
    // Either kept or refused as a decode error (serde_json's recursion limit); never a crash.
    if (!r.ok) assert.ok(r.error instanceof AtlasDecodeError, String(r.error));
    if (!r.ok) assert.equal(r.error.rawBody.length, body.length);
    t.diagnostic(`nesting ${open}: ${r.ok ? 'kept' : r.error.message.slice(-60)}`);
  }
  // The same depth as the whole body, and inside an error answer.
  json(200, '['.repeat(10_000) + ']'.repeat(10_000));
  assert.ok((await call('listPipelines')).error instanceof AtlasDecodeError);
  json(500, '{"detail":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}', 'application/json');
  const r = await call('listProjects');
  assert.ok(r.error instanceof AtlasApiError && r.error.status === 500, String(r.error));
});

test('int64: exact beyond 2^53 as a BigInt, a typed error beyond int64', async (t) => {
  const withCount = (lit) => JSON.stringify(page()).replace('"clusterCount":1', `"clusterCount":${lit}`);
  const exact = [
    ['9007199254740991', 9007199254740991], ['9007199254740993', 9007199254740993n],
    ['-9007199254740993', -9007199254740993n], ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n], ['0', 0],
  ];
  for (const [lit, want] of exact) {
    json(200, withCount(lit));
    const r = await call('listProjects');
    assert.ok(r.ok, `${lit}: ${r.error}`);
    assert.equal(typeof r.value.results[0].clusterCount, typeof want, lit);
    assert.equal(r.value.results[0].clusterCount, want, lit);
  }
  for (const lit of ['9223372036854775808', '18446744073709551615', '18446744073709551616', '123456789012345678901234567890', '-9223372036854775809', '1e400', '1.5', '9007199254740993.0']) {
    json(200, withCount(lit));
    const r = await call('listProjects');
    assert.ok(!r.ok && r.error instanceof AtlasDecodeError, `${lit}: ${r.ok ? `resolved ${r.value.results[0].clusterCount}` : r.error}`);
    assert.match(r.error.message, /clusterCount/, lit);
  }
  // Another int64 field, in another operation.
  json(200, JSON.stringify(BODIES.returnFederatedDatabaseQueryLimit).replace('1099511627776', '9007199254740993'));
  const r = await call('returnFederatedDatabaseQueryLimit');
  assert.ok(r.ok, String(r.error));
  assert.equal(r.value.value, 9007199254740993n);
});

test('a 20 MB body: a valid page decodes, garbage is a decode error', async (t) => {
  const results = [];
  const one = JSON.stringify(project(1)).length + 1;
  for (let i = 1; results.length * one < 20 * 1024 * 1024; i++) results.push(project(i));
  const big = JSON.stringify(page(results));
  json(200, big);
  let r = await call('listProjects', { timeoutMs: 60_000 });
  assert.ok(r.ok, String(r.error));
  assert.equal(r.value.results.length, results.length);
  t.diagnostic(`20 MB page (${results.length} projects, ${(big.length / 1048576).toFixed(1)} MiB) decoded in ${r.ms.toFixed(0)} ms`);

  const garbage = 'x'.repeat(20 * 1024 * 1024);
  json(200, garbage);
  r = await call('listProjects', { timeoutMs: 60_000 });
  assert.ok(r.error instanceof AtlasDecodeError, String(r.error));
  assert.equal(r.error.rawBody.length, garbage.length);
  t.diagnostic(`20 MB garbage refused in ${r.ms.toFixed(0)} ms`);
});

test('a body that never finishes, or no answer at all: AtlasTimeoutError at timeoutMs', async (t) => {
  const hanging = [];
  srv.handle = (req, res) => {
    res.writeHead(200, { 'content-type': CT, 'content-length': '100000' });
    res.write('{"results":[');
    hanging.push(res);
  };
  for (const op of ['listProjects', 'createApiKey', 'deleteExportBucket']) {
    const r = await call(op, { timeoutMs: 300 });
    assert.ok(r.error instanceof AtlasTimeoutError, `${op}: ${r.error}`);
    assert.equal(r.error.timeoutMs, 300);
    assert.ok(r.ms < 300 + 3_000, `${op} took ${r.ms} ms`);
  }
  srv.handle = (req, res) => hanging.push(res); // headers never sent
  const r = await call('getMaintenanceWindow', { timeoutMs: 300 });
  assert.ok(r.error instanceof AtlasTimeoutError, String(r.error));
  // A client-wide timeoutMs applies as well.
  const short = new AtlasClient({ baseUrl: srv.url, token: TOKEN, timeoutMs: 200, retry: false });
  const r2 = await settle(short.listProjects({}), 10_000);
  assert.ok(r2.error instanceof AtlasTimeoutError, String(r2.error));
  for (const res of hanging) res.destroy();
});

test('wrong or missing content types', async (t) => {
  // text/html with 200 and a valid JSON body: not what the operation returns.
  for (const op of Object.keys(CALLS)) {
    if (EMPTY_OPS.has(op)) continue;
    const body = JSON.stringify(BODIES[op]);
    answer(statusOf(op), { 'content-type': 'text/html' }, body);
    const r = await call(op);
    assert.ok(r.error instanceof AtlasDecodeError, `${op}: ${r.ok ? 'resolved' : r.error}`);
    assert.equal(r.error.rawBody, body, `${op}: rawBody kept verbatim (one-time secrets)`);
  }
  // An HTML page with 200.
  answer(200, { 'content-type': 'text/html; charset=utf-8' }, '<html><body>Login</body></html>');
  assert.ok((await call('listProjects')).error instanceof AtlasDecodeError);
  // No content type at all with a valid body: typed either way (recorded).
  srv.handle = (req, res) => {
    res.removeHeader('content-type');
    res.writeHead(200);
    res.end(JSON.stringify(page()));
  };
  let r = await call('listProjects');
  t.diagnostic(`no content type: ${r.ok ? 'decoded' : r.error.name}`);
  // No content type and a non-JSON body.
  srv.handle = (req, res) => {
    res.writeHead(200);
    res.end('not json');
  };
  r = await call('listProjects');
  assert.ok(r.error instanceof AtlasDecodeError, String(r.error));
  // Error statuses with HTML: an AtlasApiError keeping the page.
  answer(502, { 'content-type': 'text/html' }, '<html>Bad gateway</html>');
  r = await call('listProjects');
  assert.ok(r.error instanceof AtlasApiError && r.error.status === 502, String(r.error));
  assert.equal(r.error.rawBody, '<html>Bad gateway</html>');
  // A 204 answer with a content type and a deleted resource: undefined.
  answer(204, { 'content-type': 'text/html' });
  r = await call('deleteExportBucket');
  assert.ok(r.ok && r.value === undefined, String(r.error));
  // Invalid UTF-8 and a BOM.
  answer(200, { 'content-type': CT }, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
  assert.ok((await call('listProjects')).error instanceof AtlasDecodeError);
  // Text is decoded as res.json() decodes it (README, "Data representation"):
  // bytes that are not UTF-8 become U+FFFD, and a BOM is ignored.
  const named = JSON.stringify(page([{ ...project(), name: 'p-NAME' }]));
  const [before, after] = named.split('NAME');
  answer(200, { 'content-type': CT }, Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe]), Buffer.from(after)]));
  r = await call('listProjects');
  assert.ok(r.ok, String(r.error));
  assert.equal(r.value.results[0].name, 'p-\ufffd\ufffd');
  answer(200, { 'content-type': CT }, '\ufeff' + JSON.stringify(page()));
  r = await call('listProjects');
  assert.ok(r.ok, `BOM: ${r.error}`);
  assert.equal(r.value.results.length, 1);
});

test('redirects are refused: the other origin sees no request and no Authorization', async (t) => {
  other.handle = (req, res) => {
    res.writeHead(200, { 'content-type': CT });
    res.end(JSON.stringify(page()));
  };
  const before = srv.requests.length;
  let calls = 0;
  for (const status of [301, 302, 303, 307, 308]) {
    for (const location of [`${other.url}/api/atlas/v2/groups`, `//127.0.0.1:${new URL(other.url).port}/x`, '/api/atlas/v2/groups?again']) {
      srv.handle = (req, res) => {
        res.writeHead(status, { location, 'content-type': 'application/json' });
        res.end('{}');
      };
      for (const op of ['listProjects', 'createApiKey']) {
        const r = await call(op);
        calls++;
        assert.ok(!r.ok, `${op} ${status} → ${location}: resolved`);
        assert.ok(r.error instanceof AtlasNetworkError || r.error instanceof AtlasApiError, `${status}: ${r.error}`);
        assert.ok(!String(r.error).includes(TOKEN) && !JSON.stringify(r.error).includes(TOKEN));
      }
    }
  }
  assert.equal(other.requests.length, 0, 'the other origin was contacted');
  assert.equal(srv.requests.length - before, calls, 'a same-origin redirect was followed');
});

test('pagination never follows response links (a next link to another origin)', async (t) => {
  other.handle = (req, res) => {
    res.writeHead(200, { 'content-type': CT });
    res.end(JSON.stringify(page([project(99)])));
  };
  const seen = [];
  srv.handle = (req, res) => {
    const u = new URL(req.url, srv.url);
    const n = Number(u.searchParams.get('pageNum') || 1);
    const size = Number(u.searchParams.get('itemsPerPage'));
    seen.push(n);
    const results = n <= 2 ? Array.from({ length: size }, (_, i) => project(n * 100 + i + 1)) : [project(1000)];
    res.writeHead(200, { 'content-type': CT });
    res.end(JSON.stringify({
      links: [{ rel: 'next', href: `${other.url}/api/atlas/v2/groups?pageNum=${n + 1}&steal=1` }, { rel: 'self', href: `${other.url}/x` }],
      results, totalCount: 999_999,
    }));
  };
  const items = [];
  const listing = client.listProjectsAll({ itemsPerPage: 3 });
  const r = await settle((async () => {
    for await (const p of listing) items.push(p);
  })(), 20_000, 'listProjectsAll');
  assert.ok(r.ok, String(r.error));
  assert.equal(items.length, 7);
  assert.deepEqual([...new Set(seen)].sort(), [1, 2, 3]);
  assert.equal(other.requests.length, 0, 'a response link was followed');
  assert.ok(srv.requests.slice(-seen.length).every((q) => q.url.startsWith('/api/atlas/v2/groups?') && !q.url.includes('steal')));
});

test('retries over hostile answers still end typed (retry on, 503 then truncated)', async (t) => {
  const c = new AtlasClient({ baseUrl: srv.url, token: TOKEN, timeoutMs: 2_000, retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 } });
  let n = 0;
  srv.handle = (req, res) => {
    n++;
    if (n <= 2) {
      res.writeHead(503, { 'content-type': 'text/html', 'retry-after': 'Wed, 21 Oct 2999 07:28:00 GMT' });
      res.end('<html>busy</html>');
    } else {
      res.writeHead(200, { 'content-type': CT });
      res.end('{"results":[');
    }
  };
  const r = await settle(c.listProjects({}), 10_000);
  assert.ok(r.error instanceof AtlasDecodeError, String(r.error));
  assert.equal(n, 3);
});

test('no unhandled rejection', async (t) => {
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(unhandled, []);
});
