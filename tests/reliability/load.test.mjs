// Faults under load: 20,000 calls at concurrency 16 against the local Atlas
// server (atlas-mock), through a fault-injecting proxy on loopback that adds
// `X-Mock-Fault` to about 10 % of requests (every kind the mock knows), with
// a retrying client (baseDelayMs 1, maxDelayMs 5) and timeoutMs 2000.
// Asserts: every promise settles; successes + typed errors == calls; every
// rejection is an AtlasError subclass; no timers or handles linger; the wasm
// memory at the end is within 10 % of the memory after the first 1,000 calls.
//
// Uses $ATLAS_MOCK_URL when set (it should be started with --rate-limit 100000),
// otherwise starts target/debug/atlas-mock on port 0. LOAD_CALLS overrides 20,000.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { CALLS, G, REPO, loadPkg } from './support.mjs';

const TOTAL = Number(process.env.LOAD_CALLS || 20_000);
const CONCURRENCY = 16;
const FAULT_RATE = 0.1;
const WARMUP = 1_000;

// Reach the wasm instance (and its memory) as the package's glue creates it:
// the glue keeps `wasm` private, so record the instance it constructs.
let wasmInstance = null;
const RealInstance = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(RealInstance, {
  construct(target, args) {
    const inst = Reflect.construct(target, args);
    if (inst.exports.memory instanceof WebAssembly.Memory) wasmInstance ??= inst;
    return inst;
  },
});
const pkg = await loadPkg();
WebAssembly.Instance = RealInstance;
const { AtlasClient, AtlasError } = pkg;
const wasmMemory = () => (wasmInstance ? wasmInstance.exports.memory.buffer.byteLength : null);

// Every fault of the mock; `weight` keeps the expensive ones (a hang costs a
// 2 s timeout per attempt) rare. The first faulted requests go through every
// kind once, so the warm-up window sees each of them.
const FAULTS = [
  ['429', 10], ['429:0', 10], ['500', 10], ['502', 10], ['503', 10], ['504', 10],
  ['delay:20', 10], ['drop', 10], ['truncate', 10], ['nonjson', 10], ['html', 10], ['large:1', 3], ['hang', 0.5],
];
// LOAD_SKIP_FAULTS=hang,drop leaves kinds out (to isolate a failure).
const SKIP = new Set((process.env.LOAD_SKIP_FAULTS || '').split(',').filter(Boolean));
for (let i = FAULTS.length - 1; i >= 0; i--) if (SKIP.has(FAULTS[i][0])) FAULTS.splice(i, 1);
const WEIGHT = FAULTS.reduce((s, [, w]) => s + w, 0);

/** mulberry32: a seeded PRNG, so a failing run can be replayed. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function startMock() {
  if (process.env.ATLAS_MOCK_URL) return { url: process.env.ATLAS_MOCK_URL.replace(/\/$/, ''), stop: async () => {}, own: false };
  const candidates = [process.env.ATLAS_MOCK_BIN, path.join(REPO, 'target/debug/atlas-mock'), path.join(REPO, 'target/release/atlas-mock')].filter(Boolean);
  const bin = candidates.find((p) => fs.existsSync(p));
  assert.ok(bin, 'no atlas-mock binary: cargo build -p atlas-mock, or set ATLAS_MOCK_URL');
  const child = spawn(bin, ['--port', '0', '--rate-limit', '100000', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    rl.on('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m) {
        rl.close();
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`atlas-mock exited with ${code}`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  return {
    url,
    own: true,
    stop: async () => {
      child.stdout.destroy();
      child.kill();
      await exited;
    },
  };
}

/** A loopback proxy in front of the mock adding X-Mock-Fault to some requests. */
async function startProxy(target, rand, counts) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const up = new URL(target);
  let faulted = 0;
  const server = http.createServer((req, res) => {
    counts.requests++;
    const entry = { url: req.url, at: Math.round(performance.now()), fault: null, done: false };
    counts.log.push(entry);
    res.on('close', () => { entry.done = true; });
    const headers = { ...req.headers };
    // The first CONCURRENCY requests all get a large body at once, so the
    // warm-up window reaches the memory high-water mark a burst of them needs
    // (wasm memory only grows); then about 10 % of requests get a fault.
    const burst = counts.requests <= CONCURRENCY && FAULTS.some(([f]) => f === 'large:1');
    if (req.url.startsWith('/api/atlas/v2/') && (burst || rand() < FAULT_RATE)) {
      let fault;
      if (burst) fault = 'large:1';
      else if (faulted < FAULTS.length) fault = FAULTS[faulted][0];
      else {
        let x = rand() * WEIGHT;
        fault = FAULTS.find(([, w]) => (x -= w) < 0)?.[0] ?? '500';
      }
      if (!burst) faulted++;
      headers['x-mock-fault'] = fault;
      entry.fault = fault;
      counts.faults[fault] = (counts.faults[fault] || 0) + 1;
    }
    const fwd = http.request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers, agent }, (ures) => {
      res.writeHead(ures.statusCode, ures.headers);
      ures.pipe(res);
      ures.on('error', () => res.destroy());
      ures.on('aborted', () => res.destroy());
    });
    fwd.on('error', () => res.destroy());
    res.on('close', () => fwd.destroy());
    req.pipe(fwd);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      agent.destroy();
    },
  };
}

// The mix of calls: reads of every kind, a PATCH, deletes of missing ids
// (404s), and a few refused before sending (validation).
const MIX = [
  ['listProjects', CALLS.listProjects, 4],
  ['listProjects', { itemsPerPage: 5, pageNum: 3 }, 2],
  ['getMaintenanceWindow', CALLS.getMaintenanceWindow, 3],
  ['returnFederatedDatabaseQueryLimit', CALLS.returnFederatedDatabaseQueryLimit, 2],
  ['listPipelines', CALLS.listPipelines, 2],
  ['getLegacySnapshot', CALLS.getLegacySnapshot, 2],
  ['updateLegacySnapshotRetention', CALLS.updateLegacySnapshotRetention, 1],
  ['deleteExportBucket', { groupId: G, exportBucketId: 'ffffffffffffffffffffffff' }, 1],
  ['getMaintenanceWindow', { groupId: 'not-an-id' }, 0.2],
];
const MIX_WEIGHT = MIX.reduce((s, [, , w]) => s + w, 0);

test(`faults under load: ${TOTAL} calls at concurrency ${CONCURRENCY}`, { timeout: 300_000 }, async () => {
  const mock = await startMock();
  const cleanup = [async () => mock.stop()];
  try {
  if (mock.own) await fetch(`${mock.url}/__mock/reset`, { method: 'POST' }).then((r) => r.arrayBuffer());
  // Baseline of live handles and timers: the mock child (if ours) is running,
  // nothing else of this test is.
  await new Promise((r) => setTimeout(r, 100));
  const baseline = process.getActiveResourcesInfo();

  const rand = prng(0x5eed);
  const counts = { requests: 0, faults: {}, log: [] };
  const proxy = await startProxy(mock.url, rand, counts);
  cleanup.unshift(async () => proxy.close());
  const client = new AtlasClient({
    baseUrl: proxy.url, token: 'test-token', timeoutMs: 2_000,
    retry: { baseDelayMs: 1, maxDelayMs: 5 }, onDeprecation: () => {},
  });

  const outcomes = { success: 0, errors: {} };
  let started = 0;
  let settled = 0;
  const pending = new Map();
  const checkpoints = [];
  let memAfterWarmup = null;
  let rssAfterWarmup = null;
  const pick = prng(0xca11);
  const t0 = performance.now();
  async function worker() {
    while (started < TOTAL) {
      started++;
      let x = pick() * MIX_WEIGHT;
      const [op, opts] = MIX.find(([, , w]) => (x -= w) < 0) ?? MIX[0];
      const id = started;
      pending.set(id, { op, at: performance.now() });
      try {
        await client[op](opts);
        outcomes.success++;
      } catch (e) {
        assert.ok(e instanceof AtlasError, `${op} rejected with a non-AtlasError: ${e?.stack || e}`);
        outcomes.errors[e.name] = (outcomes.errors[e.name] || 0) + 1;
      }
      settled++;
      pending.delete(id);
      if (settled % 2_000 === 0) checkpoints.push([settled, wasmMemory()]);
      if (settled === WARMUP) {
        memAfterWarmup = wasmMemory();
        rssAfterWarmup = process.memoryUsage().rss;
      }
    }
  }
  // Every worker's promise must settle: a watchdog fails the test otherwise.
  let watchdog;
  const all = Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const done = await Promise.race([
    all.then(() => true),
    new Promise((r) => {
      watchdog = setTimeout(() => r(false), Number(process.env.LOAD_WATCHDOG_MS || 240_000));
    }),
  ]);
  clearTimeout(watchdog);
  const seconds = (performance.now() - t0) / 1000;
  const stuck = [...pending.values()].map((p) => `${p.op} pending for ${((performance.now() - p.at) / 1000).toFixed(1)} s`);
  assert.ok(done, `not every call settled: ${settled} of ${started}; ${stuck.join('; ')}; proxy log of their requests: ${JSON.stringify(counts.log.filter((l) => !l.done))}`);

  const errors = Object.values(outcomes.errors).reduce((a, b) => a + b, 0);
  const faults = Object.values(counts.faults).reduce((a, b) => a + b, 0);
  const memEnd = wasmMemory();
  const rssEnd = process.memoryUsage().rss;
  const report = {
    calls: TOTAL, seconds: Number(seconds.toFixed(1)), callsPerSecond: Math.round(TOTAL / seconds),
    successes: outcomes.success, errorsByClass: outcomes.errors,
    httpRequests: counts.requests, faultsInjected: faults, faultsByKind: counts.faults,
    wasmMemoryByCalls: checkpoints, wasmMemoryAfterWarmup: memAfterWarmup, wasmMemoryAtEnd: memEnd,
    rssAfterWarmupMiB: Math.round(rssAfterWarmup / 1048576), rssAtEndMiB: Math.round(rssEnd / 1048576),
  };
  console.log(`load: ${JSON.stringify(report)}`);

  assert.equal(settled, TOTAL);
  assert.equal(outcomes.success + errors, TOTAL, 'successes + typed errors == calls');
  assert.ok(outcomes.success > TOTAL * 0.8, `too few successes: ${outcomes.success}`);
  assert.equal(Object.keys(counts.faults).length, FAULTS.length, 'every fault kind was injected');
  if (memEnd !== null) {
    assert.ok(memEnd <= memAfterWarmup * 1.1, `wasm memory grew from ${memAfterWarmup} to ${memEnd} bytes`);
  } else {
    console.log('load: wasm memory unreachable; RSS reported instead');
  }

  // Nothing of the client lingers once the proxy and its sockets are gone.
  await cleanup.shift()();
  client.free?.();
  const lingering = () => {
    const left = new Map();
    for (const r of process.getActiveResourcesInfo()) left.set(r, (left.get(r) || 0) + 1);
    for (const r of baseline) left.set(r, (left.get(r) || 0) - 1);
    return [...left].filter(([, n]) => n > 0);
  };
  const deadline = Date.now() + 10_000;
  while (lingering().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(lingering(), [], 'handles or timers left after the run');
  } finally {
    for (const f of cleanup) await f().catch(() => {});
  }
});
