// Shared set-up of the Node suite (not a test file: node --test only runs
// *.test.mjs). It finds the built package, finds or starts the local Atlas
// server (atlas-mock) and serialises the test files that use one shared
// server, so that counters, resets, faults and rate-limit buckets of one file
// never disturb another (node --test runs files in parallel processes).

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import readline from 'node:readline';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PKG_DIR = path.join(REPO, 'pkg');
const PKG_FILES = ['package.json', 'node/index.mjs', 'node/index.cjs', 'web/atlas_admin_wasm_bg.wasm'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits (up to `ms`) until pkg/ is complete: the lead may be rebuilding it. */
export async function waitForPkg(ms = 180_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (PKG_FILES.every((f) => fs.existsSync(path.join(PKG_DIR, f)))) return;
    if (Date.now() > deadline) {
      throw new Error(`pkg/ is not built (missing one of ${PKG_FILES.join(', ')}); run bash scripts/build.sh`);
    }
    await sleep(500);
  }
}

// ---------------------------------------------------------------------------
// The local Atlas server
// ---------------------------------------------------------------------------

function mockBinaryCandidates() {
  const c = [];
  if (process.env.ATLAS_MOCK_BIN) c.push(process.env.ATLAS_MOCK_BIN);
  if (process.env.CARGO_TARGET_DIR) c.push(path.join(process.env.CARGO_TARGET_DIR, 'debug/atlas-mock'));
  c.push(path.join(REPO, 'target/debug/atlas-mock'));
  c.push(path.join(REPO, 'target/mock-dev/debug/atlas-mock'));
  c.push(path.join(REPO, 'target/release/atlas-mock'));
  return c;
}

/** Starts a private atlas-mock on a free port; resolves to { url, stop }. */
export async function startPrivateMock(args = []) {
  const bin = mockBinaryCandidates().find((p) => fs.existsSync(p));
  if (!bin) {
    throw new Error(
      'ATLAS_MOCK_URL is not set and no atlas-mock binary was found; build it with ' +
        '`cargo build -p atlas-mock` or start it and export ATLAS_MOCK_URL',
    );
  }
  const child = spawn(bin, ['--port', '0', '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`atlas-mock did not start in 20 s: ${stderr}`)), 20_000);
    const rl = readline.createInterface({ input: child.stdout });
    rl.on('line', (line) => {
      const m = /atlas-mock listening on (http\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`atlas-mock exited with ${code}: ${stderr}`));
    });
  });
  child.stdout.resume();
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(3000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

// A cross-process lock (an atomic mkdir) held while a file uses the shared
// server. A lock left by a dead process is taken over.
function lockPath(url) {
  const h = createHash('sha256').update(url).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `atlas-admin-wasm-node-suite-${h}.lock`);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

async function acquireLock(dir, ms = 240_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
      return () => fs.rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
    } catch {
      // being created or removed right now
    }
    let age = 0;
    try {
      age = Date.now() - fs.statSync(dir).mtimeMs;
    } catch {
      continue;
    }
    if ((Number.isInteger(owner) && owner > 0 && !alive(owner)) || (Number.isNaN(owner) && age > 10_000)) {
      fs.rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the suite lock ${dir}`);
    await sleep(50);
  }
}

/**
 * The server a test file talks to. Call `open()` in a `before` hook and
 * `close()` in `after`. With ATLAS_MOCK_URL set, that shared server is used
 * (one file at a time, and reset at the start of each file); otherwise a
 * private server is started for the file.
 */
export class Mock {
  url = '';
  seed = null;
  #release = null;
  #stop = null;

  async open() {
    const shared = process.env.ATLAS_MOCK_URL;
    if (shared) {
      this.url = shared.replace(/\/+$/, '');
      this.#release = await acquireLock(lockPath(this.url));
    } else {
      const m = await startPrivateMock();
      this.url = m.url;
      this.#stop = m.stop;
    }
    await this.reset();
    this.seed = await this.get('/__mock/seed');
    return this;
  }

  async close() {
    try {
      if (this.url) await this.clearFaults().catch(() => {});
    } finally {
      if (this.#release) this.#release();
      if (this.#stop) await this.#stop();
      this.#release = this.#stop = null;
    }
  }

  async get(p) {
    const r = await fetch(this.url + p);
    if (!r.ok) throw new Error(`GET ${p}: ${r.status}`);
    return r.json();
  }

  async reset() {
    const r = await fetch(this.url + '/__mock/reset', { method: 'POST' });
    if (!r.ok) throw new Error(`reset: ${r.status}`);
  }

  stats() {
    return this.get('/__mock/stats');
  }

  async requests() {
    return (await this.stats()).requests;
  }

  /** Arms `fault` for the next `count` API requests whose path contains `pathContains`. */
  async arm(fault, pathContains, count = 1) {
    const body = { fault, count };
    if (pathContains) body.pathContains = pathContains;
    const r = await fetch(this.url + '/__mock/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`arming ${fault}: ${r.status} ${await r.text()}`);
  }

  async clearFaults() {
    await fetch(this.url + '/__mock/faults', { method: 'DELETE' });
  }

  /** Reads a resource straight from the server (bypassing the client). */
  async api(p, version = '2023-01-01', token = 'test-token') {
    const r = await fetch(this.url + '/api/atlas/v2' + p, {
      headers: { authorization: `Bearer ${token}`, accept: `application/vnd.atlas.${version}+json` },
    });
    if (!r.ok) throw new Error(`GET ${p}: ${r.status} ${await r.text()}`);
    return r.json();
  }
}

/** An id of the right form that the server does not know. */
export const UNKNOWN_ID = 'ffffffffffffffffffffffff';

export { pathToFileURL };
