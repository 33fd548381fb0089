// Benchmarks of atlas-admin-wasm against raw fetch and openapi-fetch.
// Run through scripts/bench.sh, which starts the servers and sets:
//   BENCH_PKG    a copy of pkg/ (node/ and web/ builds)
//   MOCK_URL     atlas-mock (--rate-limit 0, no latency): per-call rows
//   PAGE_URL     bench/server.mjs, 10,000 projects, no latency: 500-project page rows
//   LIST_URL     bench/server.mjs, 10,000 projects, 20 ms per answer: listing and memory rows
//   BENCH_SPEC   the seed spec (openapi-typescript input); missing => openapi-fetch rows skipped
//   BENCH_OUT    output directory (bench/out, git-ignored)
// Optional: BENCH_ROUNDS (5), BENCH_CALLS (2000), BENCH_PAGE_ITERS (100), BENCH_COLD (20).
// Every ratio is between numbers taken side by side in this run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const PKG = env.BENCH_PKG;
const OUT = env.BENCH_OUT || path.join(here, 'out');
const SPEC = env.BENCH_SPEC;
const ROUNDS = Number(env.BENCH_ROUNDS || 5);
const CALLS = Number(env.BENCH_CALLS || 2000);
const PAGE_ITERS = Number(env.BENCH_PAGE_ITERS || 100);
const COLD = Number(env.BENCH_COLD || 20);
const TOKEN = 'test-token';
const MEDIA = 'application/vnd.atlas.2023-01-01+json';
const HEADERS = { Accept: MEDIA, Authorization: `Bearer ${TOKEN}` };
const GROUP_ID = '32b6e34b3d91647abb20e7b8'; // atlas-mock's first project
const LISTING_TOTAL = 10000;
const PAGE_SIZE = 500;
for (const k of ['BENCH_PKG', 'MOCK_URL', 'PAGE_URL', 'LIST_URL']) {
  if (!env[k]) throw new Error(`${k} is not set: run scripts/bench.sh`);
}
fs.mkdirSync(OUT, { recursive: true });

const log = (...a) => console.error('[bench]', ...a);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const gc = globalThis.gc ?? (() => {});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
const ms = (n) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const us = (n) => `${(n * 1000).toFixed(0)} µs`;
const x = (r) => `${r.toFixed(2)}×`;
const x3 = (r) => `${r.toFixed(3)}×`; // rows with a target: enough digits to see which side of it

/** Runs `fns` (name -> async () => elapsed ms) for ROUNDS rounds, rotating and
 *  alternating the order each round; returns name -> median of the rounds. */
async function rounds(fns, n = ROUNDS) {
  const names = Object.keys(fns);
  const got = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < n; r++) {
    let order = names.map((_, i) => names[(i + r) % names.length]);
    if (r % 2) order = order.reverse();
    for (const k of order) {
      gc();
      got[k].push(await fns[k]());
    }
  }
  return Object.fromEntries(names.map((k) => [k, median(got[k])]));
}

const rows = [];
const row = (bench, variant, value, ratio = '', target = '', result = '') =>
  rows.push({ bench, variant, value, ratio, target, result });
const verdict = (ok) => (ok ? 'pass' : '**miss**');
const notes = [];

// ---------------------------------------------------------------------------
// openapi-fetch comparison client: types from the spec, type-check, bundle.
// ---------------------------------------------------------------------------
let openapiBundle = null;
if (SPEC && fs.existsSync(SPEC)) {
  const bin = (n) => path.join(here, 'node_modules', '.bin', n);
  const dts = path.join(OUT, 'atlas-admin.d.ts');
  execFileSync(bin('openapi-typescript'), [SPEC, '-o', dts], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tsconfig = path.join(OUT, 'tsconfig.json');
  fs.writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', skipLibCheck: true, lib: ['ES2022', 'DOM'] },
      files: [path.join(here, 'openapi-client.ts')],
    }),
  );
  const tsc = spawnSync(bin('tsc'), ['-p', tsconfig], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`bench/openapi-client.ts does not type-check against the generated types:\n${tsc.stdout}${tsc.stderr}`);
  const esbuild = await import('esbuild');
  openapiBundle = path.join(OUT, 'openapi-client.min.mjs');
  await esbuild.build({
    entryPoints: [path.join(here, 'openapi-client.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile: openapiBundle,
    logLevel: 'error',
  });
} else {
  notes.push(`openapi-fetch rows skipped: spec ${SPEC || '(BENCH_SPEC unset)'} not found.`);
  log(`SKIP openapi-fetch: spec ${SPEC} not found`);
}

// ---------------------------------------------------------------------------
// 1. Size
// ---------------------------------------------------------------------------
log('size');
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const br = (b) =>
  zlib.brotliCompressSync(b, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_LGWIN]: zlib.constants.BROTLI_MAX_WINDOW_BITS,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length,
    },
  }).length;
/** JS files a target loads by default: the static import/export/require graph
 *  from its entry. Modules reached only through `import()` (e.g. an embedded
 *  base64 copy of the .wasm used as a fallback) are returned as `lazy`. */
function jsGraph(entry) {
  const eager = new Set();
  const lazy = new Set();
  const visit = (file, set) => {
    if (eager.has(file) || set.has(file) || !fs.existsSync(file)) return;
    set.add(file);
    const src = fs.readFileSync(file, 'utf8');
    const dep = (spec) => path.resolve(path.dirname(file), spec);
    const statics = /(?:\bimport\s*(?:[\w*{}\s,$]+from\s*)?|\bexport\s*[\w*{}\s,$]+from\s*|\brequire\(\s*(?:String\.raw)?)[`'"](\.{1,2}\/[^`'"]+)[`'"]/g;
    const dynamics = /\bimport\(\s*[`'"](\.{1,2}\/[^`'"]+)[`'"]\s*\)/g;
    for (const m of src.matchAll(statics)) visit(dep(m[1]), set);
    for (const m of src.matchAll(dynamics)) if (!eager.has(dep(m[1]))) visit(dep(m[1]), lazy);
  };
  visit(entry, eager);
  for (const f of eager) lazy.delete(f);
  return { eager: [...eager], lazy: [...lazy] };
}
const ENTRY = { node: 'index.mjs', web: 'index.js' };
const SIZE_TARGET = 80 * 1024;
const esbuildMod = openapiBundle ? await import('esbuild') : null;
for (const target of ['node', 'web']) {
  const dir = path.join(PKG, target);
  // Node loads the web target's .wasm (one copy in the package).
  const wasmFile = path.join(PKG, 'web', 'atlas_admin_wasm_bg.wasm');
  if (!fs.existsSync(wasmFile)) {
    row('1 size', `pkg/${target}`, 'missing', '', '', '**miss**');
    continue;
  }
  const wasm = fs.readFileSync(wasmFile);
  const { eager: js, lazy } = jsGraph(path.join(dir, ENTRY[target]));
  const jsRaw = js.reduce((s, f) => s + fs.statSync(f).size, 0);
  const jsGz = js.reduce((s, f) => s + gz(fs.readFileSync(f)), 0);
  const jsBr = js.reduce((s, f) => s + br(fs.readFileSync(f)), 0);
  const wGz = gz(wasm);
  const wBr = br(wasm);
  row('1 size', `pkg/${target} .wasm`, `${kb(wasm.length)} raw · ${kb(wGz)} gzip-9 · ${kb(wBr)} brotli-11`);
  row('1 size', `pkg/${target} JS glue (${js.length} files)`, `${kb(jsRaw)} raw · ${kb(jsGz)} gzip-9 · ${kb(jsBr)} brotli-11`);
  if (lazy.length) {
    // e.g. pkg/web's base64 copy of the .wasm, imported only when the .wasm cannot be fetched.
    const bufs = lazy.map((f) => fs.readFileSync(f));
    const raw = bufs.reduce((s, b) => s + b.length, 0);
    row('1 size', `pkg/${target} modules loaded only by import() (${lazy.map((f) => path.basename(f)).join(', ')})`, `${kb(raw)} raw · ${kb(bufs.reduce((s, b) => s + gz(b), 0))} gzip-9 · ${kb(bufs.reduce((s, b) => s + br(b), 0))} brotli-11`, '', '(not counted)');
  }
  let extra = '';
  if (esbuildMod && target === 'web') {
    // What a bundler's minifier would leave of the glue (not what is shipped).
    const min = await esbuildMod.build({ entryPoints: [path.join(dir, 'index.js')], bundle: true, minify: true, format: 'esm', write: false, external: ['*.wasm', ...lazy.map((f) => './' + path.relative(dir, f))], logLevel: 'silent' }).catch(() => null);
    if (min) extra = ` (glue minified by a bundler: ${kb(gz(min.outputFiles[0].contents))} gzip)`;
  }
  row('1 size', `pkg/${target} .wasm + glue`, `${kb(wGz + jsGz)} gzip-9 · ${kb(wBr + jsBr)} brotli-11${extra}`, '', '≤ 80 KB gzip', verdict(wGz + jsGz <= SIZE_TARGET));
}
if (openapiBundle) {
  const b = fs.readFileSync(openapiBundle);
  row('1 size', 'openapi-fetch client, 12 ops (esbuild --minify)', `${kb(b.length)} min · ${kb(gz(b))} gzip-9 · ${kb(br(b))} brotli-11`, '', '(reference)');
} else {
  row('1 size', 'openapi-fetch client, 12 ops', 'skipped: spec missing');
}

// ---------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------
const pkgEntry = path.join(PKG, 'node', 'index.mjs');
const { AtlasClient } = await import(pathToFileURL(pkgEntry).href);
const openapi = openapiBundle ? await import(pathToFileURL(openapiBundle).href) : null;
const wasmAt = (baseUrl) => new AtlasClient({ baseUrl, token: TOKEN });
const oapiAt = (baseUrl) => openapi?.createAtlasClient({ baseUrl, token: TOKEN });

async function rawJson(url) {
  const r = await fetch(url, { headers: HEADERS });
  if (!r.ok) throw new Error(`HTTP ${r.status} from ${url}`);
  return r.json();
}

// Smoke check: each client reads the same thing from atlas-mock.
{
  const w = wasmAt(env.MOCK_URL);
  const a = await w.getMaintenanceWindow({ groupId: GROUP_ID });
  const b = await rawJson(`${env.MOCK_URL}/api/atlas/v2/groups/${GROUP_ID}/maintenanceWindow`);
  if (a.dayOfWeek !== b.dayOfWeek) throw new Error('package and raw fetch disagree on the maintenance window');
  if (openapi) {
    const o = oapiAt(env.MOCK_URL);
    const c = await o.getMaintenanceWindow({ groupId: GROUP_ID });
    if (c.dayOfWeek !== b.dayOfWeek) throw new Error('openapi-fetch and raw fetch disagree on the maintenance window');
    // The other read-only operations of the comparison client answer 2xx too.
    await o.listProjects({ itemsPerPage: 5 });
    await o.listPipelines({ groupId: GROUP_ID });
    await o.getLegacySnapshot({ groupId: GROUP_ID, clusterName: 'Cluster0', snapshotId: '5f4007f327a3bd7b6f4103c5' });
    await o.returnFederatedDatabaseQueryLimit({ groupId: GROUP_ID, tenantName: 'tenant0', limitName: 'bytesProcessed.daily' });
  }
}

// ---------------------------------------------------------------------------
// 2. Per-call overhead: CALLS sequential getMaintenanceWindow against atlas-mock
// ---------------------------------------------------------------------------
log(`per-call: ${CALLS} sequential calls x ${ROUNDS} rounds`);
{
  const url = `${env.MOCK_URL}/api/atlas/v2/groups/${GROUP_ID}/maintenanceWindow`;
  const w = wasmAt(env.MOCK_URL);
  const o = oapiAt(env.MOCK_URL);
  const fns = {
    raw: () => rawJson(url),
    wasm: () => w.getMaintenanceWindow({ groupId: GROUP_ID }),
  };
  if (o) fns.openapi = () => o.getMaintenanceWindow({ groupId: GROUP_ID });
  const timed = {};
  for (const [k, f] of Object.entries(fns)) {
    for (let i = 0; i < 300; i++) await f(); // warm-up: JIT, connection pool
    timed[k] = async () => {
      const t = performance.now();
      for (let i = 0; i < CALLS; i++) await f();
      return performance.now() - t;
    };
  }
  const m = await rounds(timed);
  const per = (k) => m[k] / CALLS;
  row('2 per-call', `raw fetch + res.json() (${CALLS} calls)`, `${us(per('raw'))}/call`, x(1));
  if (o) row('2 per-call', 'openapi-fetch', `${us(per('openapi'))}/call`, x(per('openapi') / per('raw')), '(reference)');
  else row('2 per-call', 'openapi-fetch', 'skipped: spec missing');
  const r = per('wasm') / per('raw');
  row('2 per-call', 'atlas-admin-wasm getMaintenanceWindow', `${us(per('wasm'))}/call`, x3(r), '≤ 1.10× raw', verdict(r <= 1.1));
}

// ---------------------------------------------------------------------------
// 3. A 500-project page (bench/server.mjs, no latency)
// ---------------------------------------------------------------------------
log(`500-project page: ${PAGE_ITERS} pages x ${ROUNDS} rounds`);
{
  const url = `${env.PAGE_URL}/api/atlas/v2/groups?itemsPerPage=${PAGE_SIZE}&pageNum=1`;
  const w = wasmAt(env.PAGE_URL);
  const o = oapiAt(env.PAGE_URL);
  const bodyText = await (await fetch(url, { headers: HEADERS })).text();
  const check = (p) => {
    if (p.results.length !== PAGE_SIZE) throw new Error(`page has ${p.results.length} projects`);
  };
  check(await w.listProjects({ itemsPerPage: PAGE_SIZE, pageNum: 1 }));
  if (o) check(await o.listProjects({ itemsPerPage: PAGE_SIZE, pageNum: 1 }));
  const fns = {
    raw: () => rawJson(url),
    bytes: async () => {
      const r = await fetch(url, { headers: HEADERS });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.arrayBuffer();
    },
    wasm: () => w.listProjects({ itemsPerPage: PAGE_SIZE, pageNum: 1 }),
    parse: async () => JSON.parse(bodyText),
  };
  if (o) fns.openapi = () => o.listProjects({ itemsPerPage: PAGE_SIZE, pageNum: 1 });
  const timed = {};
  for (const [k, f] of Object.entries(fns)) {
    for (let i = 0; i < 30; i++) await f();
    timed[k] = async () => {
      const t = performance.now();
      for (let i = 0; i < PAGE_ITERS; i++) await f();
      return (performance.now() - t) / PAGE_ITERS;
    };
  }
  const m = await rounds(timed);
  const label = `500-project page (${kb(Buffer.byteLength(bodyText))} JSON) end to end`;
  row('3 decode', `${label}: raw fetch + res.json()`, ms(m.raw), x(1));
  row('3 decode', '… raw fetch + res.arrayBuffer() (transport, no decode)', ms(m.bytes), x(m.bytes / m.raw), '(reference)');
  if (o) row('3 decode', '… openapi-fetch listProjects', ms(m.openapi), x(m.openapi / m.raw), '(reference)');
  const r = m.wasm / m.raw;
  row('3 decode', '… atlas-admin-wasm listProjects', ms(m.wasm), x3(r), '≤ 1.25× raw', verdict(r <= 1.25));
  row('3 decode', 'JSON.parse of that body alone (in process)', ms(m.parse), '', '(reference)');
  // The check alone: the core's response check of this page as a bare wasm
  // module (bench/check, built by scripts/bench.sh with the package's release
  // settings), timed next to JSON.parse of the same text.
  const checkWasm = env.BENCH_CHECK_WASM;
  if (checkWasm && fs.existsSync(checkWasm)) {
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(checkWasm), {});
    const ex = instance.exports;
    const bytes = Buffer.from(bodyText);
    const at = ex.buffer(bytes.length);
    new Uint8Array(ex.memory.buffer, at, bytes.length).set(bytes);
    if (ex.check() !== 1) throw new Error('bench/check refused the page');
    const alone = {
      check: () => {
        for (let i = 0; i < 30; i++) ex.check();
        const t = performance.now();
        for (let i = 0; i < PAGE_ITERS * 5; i++) ex.check();
        return (performance.now() - t) / (PAGE_ITERS * 5);
      },
      parse: () => {
        for (let i = 0; i < 30; i++) JSON.parse(bodyText);
        const t = performance.now();
        for (let i = 0; i < PAGE_ITERS * 5; i++) JSON.parse(bodyText);
        return (performance.now() - t) / (PAGE_ITERS * 5);
      },
    };
    const c = await rounds(alone);
    row('3 decode', 'decode step alone: the package\'s check of that body (wasm, before its JSON.parse)', ms(c.check), `${x(c.check / c.parse)} JSON.parse`, '(reference)');
    row('3 decode', '… JSON.parse of the same text, same loop', ms(c.parse), x(1), '(reference)');
  } else {
    notes.push('decode-alone rows skipped: BENCH_CHECK_WASM not built.');
  }
  row(
    '3 decode',
    'derived: package end to end − raw fetch + res.arrayBuffer() (≈ its text decode, check and JSON.parse)',
    ms(Math.max(0, m.wasm - m.bytes)),
    m.parse > 0 ? `${x((m.wasm - m.bytes) / m.parse)} JSON.parse` : '',
    '(estimate)',
  );
}

// ---------------------------------------------------------------------------
// 4. Whole listing: 10,000 projects, 500 per page, 20 ms per answer
// ---------------------------------------------------------------------------
log(`listing: ${LISTING_TOTAL} projects x ${ROUNDS} rounds`);
{
  const base = env.LIST_URL;
  const w = wasmAt(base);
  const expect = (n) => {
    if (n !== LISTING_TOTAL) throw new Error(`listing gave ${n} projects, not ${LISTING_TOTAL}`);
  };
  const plain = async () => {
    let n = 0;
    for (let page = 1; ; page++) {
      const j = await rawJson(`${base}/api/atlas/v2/groups?itemsPerPage=${PAGE_SIZE}&pageNum=${page}`);
      for (const p of j.results) if (p.id) n++;
      if (j.results.length < PAGE_SIZE || !j.links.some((l) => l.rel === 'next')) break;
    }
    return n;
  };
  const all = (concurrency) => async () => {
    let n = 0;
    for await (const p of w.listProjectsAll({ itemsPerPage: PAGE_SIZE, concurrency })) if (p.id) n++;
    return n;
  };
  const fns = { plain, c1: all(1), c4: all(4) };
  const timed = {};
  for (const [k, f] of Object.entries(fns)) {
    expect(await f()); // warm-up and correctness
    timed[k] = async () => {
      const t = performance.now();
      expect(await f());
      return performance.now() - t;
    };
  }
  const m = await rounds(timed);
  row('4 listing', `10,000 projects, 20 ms/page: plain sequential raw fetch loop`, ms(m.plain), x(1));
  row('4 listing', '… listProjectsAll concurrency 1', ms(m.c1), x(m.c1 / m.plain), '(reference)');
  const r = m.c4 / m.plain;
  row('4 listing', '… listProjectsAll concurrency 4', ms(m.c4), x3(r), '≤ 0.35× plain', verdict(r <= 0.35));
}

// ---------------------------------------------------------------------------
// 5. Cold start: fresh Node processes
// ---------------------------------------------------------------------------
log(`cold start: ${COLD} processes per variant`);
{
  const child = path.join(here, 'child.mjs');
  // name -> [kind, module, server]: "+call" processes also make one call.
  const variants = { none: ['none', child, ''], wasm: ['wasm', pkgEntry, ''], 'wasm+call': ['wasm', pkgEntry, env.MOCK_URL] };
  if (openapiBundle) {
    variants.openapi = ['openapi', openapiBundle, ''];
    variants['openapi+call'] = ['openapi', openapiBundle, env.MOCK_URL];
  }
  const got = Object.fromEntries(Object.keys(variants).map((k) => [k, { inChild: [], sinceStart: [], wall: [], firstCall: [] }]));
  for (let i = 0; i < COLD; i++) {
    let order = Object.keys(variants);
    if (i % 2) order = order.reverse();
    for (const k of order) {
      const [kind, mod, server] = variants[k];
      const t = performance.now();
      const r = spawnSync(process.execPath, [child, 'cold', kind, pathToFileURL(mod).href, server], { encoding: 'utf8' });
      const wall = performance.now() - t;
      if (r.status !== 0) throw new Error(`cold start child (${k}) failed:\n${r.stderr}`);
      const j = JSON.parse(r.stdout);
      got[k].inChild.push(j.importMs + j.constructMs);
      got[k].sinceStart.push(j.sinceStartMs);
      got[k].wall.push(wall);
      got[k].firstCall.push(j.firstCallMs ?? 0);
    }
  }
  const med = (k, f) => median(got[k][f]);
  const vsBare = (k) => `+${ms(med(k, 'wall') - med('none', 'wall'))} vs bare node`;
  const c = med('wasm', 'inChild');
  row('5 cold start', 'atlas-admin-wasm: dynamic import + new AtlasClient (in child)', ms(c), '', '≤ 30 ms', verdict(c <= 30));
  row('5 cold start', '… same, performance.now() since process start', ms(med('wasm', 'sinceStart')), '', '(reference)');
  row('5 cold start', '… whole process wall time (spawn, import, construct, exit)', ms(med('wasm', 'wall')), vsBare('wasm'), '(reference)');
  row('5 cold start', '… first getMaintenanceWindow call after that (Node loads undici on first fetch)', ms(med('wasm+call', 'firstCall')), '', '(reference)');
  row('5 cold start', '… whole process wall time with that call', ms(med('wasm+call', 'wall')), vsBare('wasm+call'), '(reference)');
  if (openapiBundle) {
    row('5 cold start', 'openapi-fetch bundle: dynamic import + createClient (in child; createClient reads globalThis.Request, which loads undici)', ms(med('openapi', 'inChild')), '', '(reference)');
    row('5 cold start', '… whole process wall time (spawn, import, construct, exit)', ms(med('openapi', 'wall')), vsBare('openapi'), '(reference)');
    row('5 cold start', '… first getMaintenanceWindow call after that', ms(med('openapi+call', 'firstCall')), '', '(reference)');
    row('5 cold start', '… whole process wall time with that call', ms(med('openapi+call', 'wall')), vsBare('openapi+call'), '(reference)');
  }
  row('5 cold start', 'bare node (no import), whole process wall time', ms(med('none', 'wall')), '', '(reference)');
}

// ---------------------------------------------------------------------------
// 6. Memory during the 10,000-project listing (fresh processes)
// ---------------------------------------------------------------------------
log('memory');
{
  const child = path.join(here, 'child.mjs');
  const run = (variant, conc) => {
    const r = spawnSync(process.execPath, [child, 'mem', variant, pathToFileURL(pkgEntry).href, env.LIST_URL, String(conc)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`memory child (${variant}) failed:\n${r.stderr}`);
    const j = JSON.parse(r.stdout);
    if (j.items.some((n) => n !== LISTING_TOTAL)) throw new Error(`memory child (${variant}) listed ${j.items}`);
    return j;
  };
  const raw = run('raw', 1);
  const pk = run('wasm', 4);
  if (pk.wasmFound) {
    row('6 memory', 'atlas-admin-wasm WebAssembly.Memory after construct → peak in listing (c=4)', `${mb(pk.before.wasm)} → ${mb(pk.peak.wasm)}`);
  } else {
    row('6 memory', 'atlas-admin-wasm WebAssembly.Memory', 'not reachable (no WebAssembly.Instance seen)');
  }
  row('6 memory', 'process RSS peak: plain raw fetch loop', mb(raw.peak.rss), x(1), '(reference)');
  row('6 memory', 'process RSS peak: listProjectsAll c=4', mb(pk.peak.rss), x(pk.peak.rss / raw.peak.rss), '(reference)');
  row('6 memory', 'V8 heapUsed peak: plain loop → listProjectsAll c=4', `${mb(raw.peak.heapUsed)} → ${mb(pk.peak.heapUsed)}`, x(pk.peak.heapUsed / raw.peak.heapUsed), '(reference)');
}

// ---------------------------------------------------------------------------
// Table
// ---------------------------------------------------------------------------
const pkgJson = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
const wasmStat = fs.statSync(path.join(PKG, 'web', 'atlas_admin_wasm_bg.wasm'));
const header =
  `atlas-admin-wasm ${pkgJson.version} (pkg built ${wasmStat.mtime.toISOString().slice(0, 16)}Z) · ` +
  `Node ${process.version} · ${os.cpus().length}× ${os.cpus()[0]?.model.trim()} · ${new Date().toISOString().slice(0, 16)}Z · ` +
  `medians of ${ROUNDS} rounds (order alternated), cold start of ${COLD} processes`;
const esc = (s) => String(s).replaceAll('|', '\\|');
const lines = [
  header,
  '',
  '| # | measure | median | ratio | target | result |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${[r.bench, r.variant, r.value, r.ratio, r.target, r.result].map(esc).join(' | ')} |`),
];
if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
const table = lines.join('\n') + '\n';
fs.writeFileSync(path.join(OUT, 'results.md'), table);
process.stdout.write(table);
