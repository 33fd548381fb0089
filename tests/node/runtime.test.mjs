// Runtime behaviour that needs a server of its own: service-account tokens
// that really expire (a private atlas-mock with a 2-second token lifetime),
// and POST calls under faults (never retried unless asked).
import test from 'node:test';
import assert from 'node:assert/strict';
import { startPrivateMock, waitForPkg } from './support/harness.mjs';

await waitForPkg();
const { AtlasClient, AtlasApiError, AtlasNetworkError } = await import('../../pkg/node/index.mjs');

const ORG = '4888442a3354817a7320eb61';
const GROUP = '32b6e34b3d91647abb20e7b8';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let mock;
test.before(async () => {
  mock = await startPrivateMock(['--token-ttl-secs', '2', '--rate-limit', '0']);
});
test.after(async () => {
  await mock?.stop();
});

async function stats() {
  return (await fetch(`${mock.url}/__mock/stats`)).json();
}
async function arm(fault, pathContains, count = 1) {
  const res = await fetch(`${mock.url}/__mock/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fault, count, pathContains }),
  });
  assert.ok(res.ok, `arming ${fault}`);
}

test('a service-account token is renewed before it expires, without a 401', async () => {
  const statuses = [];
  const c = new AtlasClient({
    baseUrl: mock.url,
    clientId: 'mdb_sa_id_test',
    clientSecret: 'mdb_sa_sk_test',
    onResponse: (e) => statuses.push(e.status),
  });
  const before = (await stats()).tokenRequests;
  await c.getMaintenanceWindow({ groupId: GROUP });
  await c.getMaintenanceWindow({ groupId: GROUP });
  assert.equal((await stats()).tokenRequests - before, 1, 'the cached token is reused');
  // A 2-second token is renewed after half its life.
  await sleep(1200);
  await c.getMaintenanceWindow({ groupId: GROUP });
  assert.equal((await stats()).tokenRequests - before, 2, 'renewed before expiry');
  assert.deepEqual(statuses, [200, 200, 200], 'no call saw a 401');
  await c.close();
  assert.ok((await stats()).revocations >= 1);
});

test('an expired token is renewed once and the call resent once', async () => {
  // getToken hands out the same token until it has expired on the server:
  // the renewal path is the service account's, so use one whose cached token
  // we let expire by waiting past the server's lifetime with no calls.
  const statuses = [];
  const c = new AtlasClient({
    baseUrl: mock.url,
    clientId: 'mdb_sa_id_test',
    clientSecret: 'mdb_sa_sk_test',
    onResponse: (e) => statuses.push(e.status),
  });
  await c.getMaintenanceWindow({ groupId: GROUP });
  const before = (await stats()).tokenRequests;
  await sleep(2300);
  const w = await c.getMaintenanceWindow({ groupId: GROUP });
  assert.equal(typeof w.dayOfWeek, 'number');
  assert.equal((await stats()).tokenRequests - before, 1);
  await c.close();
});

test('POST is not retried on 429, 503 or a dropped connection', async () => {
  const retries = [];
  const c = new AtlasClient({
    baseUrl: mock.url,
    token: 'test-token',
    retry: { baseDelayMs: 1 },
    onRetry: (e) => retries.push(e),
  });
  const body = { orgId: ORG, body: { desc: 'no retry', roles: ['ORG_MEMBER'] } };
  await arm('429:0', '/apiKeys');
  await assert.rejects(c.createApiKey(body), (e) => e instanceof AtlasApiError && e.status === 429 && e.retryAfter === '0');
  await arm('503', '/apiKeys');
  await assert.rejects(c.createApiKey(body), (e) => e instanceof AtlasApiError && e.status === 503);
  await arm('drop', '/apiKeys');
  await assert.rejects(c.createApiKey(body), (e) => e instanceof AtlasNetworkError && e.cause !== undefined);
  assert.equal(retries.length, 0);
});

test('Retry-After is honoured as a floor of the delay', async () => {
  const retries = [];
  const c = new AtlasClient({
    baseUrl: mock.url,
    token: 'test-token',
    retry: { baseDelayMs: 1, maxDelayMs: 5000 },
    onRetry: (e) => retries.push(e),
  });
  await arm('429:1', '/maintenanceWindow');
  const started = Date.now();
  await c.getMaintenanceWindow({ groupId: GROUP });
  assert.equal(retries.length, 1);
  assert.equal(retries[0].status, 429);
  assert.ok(retries[0].delayMs >= 1000, `delay ${retries[0].delayMs}`);
  assert.ok(Date.now() - started >= 1000);
});

test('pacing waits when the bucket is nearly empty', async () => {
  const paced = await startPrivateMock(['--rate-limit', '10']);
  try {
    const c = new AtlasClient({ baseUrl: paced.url, token: 'test-token', pacing: true, retry: { maxDelayMs: 400, baseDelayMs: 1 } });
    for (let i = 0; i < 9; i++) await c.getMaintenanceWindow({ groupId: GROUP });
    assert.ok(c.rateLimit.remaining <= 1, `remaining ${c.rateLimit.remaining}`);
    const started = Date.now();
    await c.getMaintenanceWindow({ groupId: GROUP });
    // One request left of ten: the reserve line, where pacing waits its shortest
    // step (50 ms); a lower bound on elapsed time, which sleeping guarantees.
    assert.ok(Date.now() - started >= 45, 'the call waited before sending');
  } finally {
    await paced.stop();
  }
});
