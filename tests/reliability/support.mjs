// Shared by the reliability tests (not a test file: node --test only runs
// *.test.mjs): the 12 operations called with valid options, a local HTTP
// server whose answer each test sets, and a "settles in time, typed" check.

import http from 'node:http';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG_FILES = ['node/index.mjs', 'node/index.cjs', 'node/atlas_admin_wasm.js', 'web/atlas_admin_wasm_bg.wasm'];

/** Waits (up to `ms`) for pkg/ to be complete (it may be being rebuilt), then imports it. */
export async function loadPkg(ms = 180_000) {
  const deadline = Date.now() + ms;
  while (!PKG_FILES.every((f) => fs.existsSync(path.join(REPO, 'pkg', f)))) {
    if (Date.now() > deadline) throw new Error('pkg/ is not built; run bash scripts/build.sh');
    await new Promise((r) => setTimeout(r, 500));
  }
  return import('../../pkg/node/index.mjs');
}
let AtlasError;

export const G = '32b6e34b3d91647abb20e7b8';
export const ORG = '4888442a3354817a7320eb61';

/** Valid options per operation (README order), as a user would pass them. */
export const CALLS = {
  listProjects: { itemsPerPage: 100 },
  getMaintenanceWindow: { groupId: G },
  createApiKey: { orgId: ORG, body: { desc: 'ci', roles: ['ORG_MEMBER'] } },
  validateAtlasResourcePolicy: { orgId: ORG, body: { name: 'p', policies: [{ body: 'forbid(principal, action, resource);' }] } },
  createDatabaseUserCertificate: { groupId: G, username: 'alice', body: { monthsUntilExpiration: 3 } },
  deleteExportBucket: { groupId: G, exportBucketId: '32b6e34b3d91647abb20e7b9' },
  returnFederatedDatabaseQueryLimit: { groupId: G, tenantName: 'tenant0', limitName: 'bytesProcessed.query' },
  listPipelines: { groupId: G },
  deleteIdentityProvider: { federationSettingsId: '55fa922fb343282757d9554e', identityProviderId: '32b6e34b3d91647abb20e7c0' },
  getLegacySnapshot: { groupId: G, clusterName: 'Cluster0', snapshotId: '5f4007f327a3bd7b6f4103c5' },
  updateLegacySnapshotRetention: { groupId: G, clusterName: 'Cluster0', snapshotId: '5f4007f327a3bd7b6f4103c5', body: { doNotDelete: true } },
  updateAtlasSearchIndexDeprecated: { groupId: G, clusterName: 'Cluster0', indexId: '6524ed3e5e8b1a4f7f123abc', body: { collectionName: 'c', database: 'd', name: 'n' } },
};
export const EMPTY_OPS = new Set(['deleteExportBucket', 'deleteIdentityProvider']);

/**
 * A loopback HTTP server: `srv.handle = (req, res) => …` sets the answer;
 * `srv.requests` records method, url and headers of everything it saw.
 */
export async function startServer() {
  const srv = {
    handle: (req, res) => res.end(),
    requests: [],
    server: null,
    url: '',
    async close() {
      this.server.closeAllConnections();
      await new Promise((r) => this.server.close(r));
    },
  };
  srv.server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      srv.requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      srv.handle(req, res);
    });
  });
  await new Promise((r) => srv.server.listen(0, '127.0.0.1', r));
  srv.url = `http://127.0.0.1:${srv.server.address().port}`;
  return srv;
}

/**
 * Awaits `promise` with a watchdog: fails the test if it has not settled
 * within `limitMs`, or if it rejects with anything but an AtlasError.
 * Resolves to { ok, value | error, ms }.
 */
export async function settle(promise, limitMs = 20_000, what = 'call') {
  AtlasError ??= (await loadPkg()).AtlasError;
  const t0 = performance.now();
  let timer;
  const watchdog = new Promise((r) => {
    timer = setTimeout(() => r({ hung: true }), limitMs);
  });
  const r = await Promise.race([
    promise.then((value) => ({ ok: true, value }), (error) => ({ ok: false, error })),
    watchdog,
  ]);
  clearTimeout(timer);
  assert.ok(!r.hung, `${what} did not settle within ${limitMs} ms`);
  if (!r.ok) {
    assert.ok(r.error instanceof AtlasError, `${what} rejected with a non-AtlasError: ${r.error?.stack || r.error}`);
  }
  r.ms = performance.now() - t0;
  return r;
}
