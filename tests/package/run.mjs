// Smoke tests of the packed npm package in every environment users put it:
// packs pkg/ with `npm pack`, installs the tarball into fresh temporary
// projects (with the tool each environment needs, pinned, from the registry)
// and calls listProjects against the local Atlas server from
//   node-esm, node-cjs, browser-no-bundler, esbuild, vite, web-worker, typescript.
// Each asserts 2 projects with 24-hex ids and that a refused call rejects with
// an `instanceof AtlasValidationError`. Prints `ok <env>` / `FAIL <env>: why`
// and `package smoke: N passed, M failed`; exits 1 on any failure.
//
// Environment: ATLAS_MOCK_URL (else atlas-mock is started: $ATLAS_MOCK_BIN,
// target/debug, $CARGO_TARGET_DIR/debug or target/mock-dev/debug),
// ATLAS_PKG_DIR (default pkg/), CHROMIUM (default /usr/bin/chromium),
// KEEP_TMP=1 keeps the temporary projects, VERBOSE=1 shows tool output.

import { spawn, execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG_DIR = path.resolve(process.env.ATLAS_PKG_DIR || path.join(REPO, 'pkg'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const VERBOSE = !!process.env.VERBOSE;
// Pinned tool versions (installed into the temporary projects only).
const TOOLS = { esbuild: '0.28.2', vite: '7.3.8', typescript: '5.9.3', '@types/node': '20.19.9' };

const started = Date.now();
const log = (...a) => VERBOSE && console.error('[package]', ...a);

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    log('$', cmd, args.join(' '), opts.cwd ? `(in ${opts.cwd})` : '');
    execFile(cmd, args, { maxBuffer: 64 << 20, timeout: opts.timeout || 240_000, ...opts }, (err, stdout, stderr) => {
      if (VERBOSE) process.stderr.write(stdout + stderr);
      if (err) {
        const all = `${stdout}\n${stderr}`.trim().split('\n');
        const errors = all.filter((l) => /error/i.test(l));
        const out = (errors.length ? errors : all).slice(-15).join('\n');
        reject(new Error(`${cmd} ${args.join(' ')} failed (${err.code ?? err.signal}):\n${out}`));
      } else resolve({ stdout, stderr });
    });
  });
}
const write = (file, text) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

// ---------------------------------------------------------------------------
// The local Atlas server
// ---------------------------------------------------------------------------
async function startMock() {
  if (process.env.ATLAS_MOCK_URL) return { url: process.env.ATLAS_MOCK_URL.replace(/\/$/, ''), stop() {} };
  const candidates = [
    process.env.ATLAS_MOCK_BIN,
    path.join(REPO, 'target/debug/atlas-mock'),
    process.env.CARGO_TARGET_DIR && path.join(process.env.CARGO_TARGET_DIR, 'debug/atlas-mock'),
    path.join(REPO, 'target/mock-dev/debug/atlas-mock'),
  ].filter(Boolean);
  const bin = candidates.find((c) => fs.existsSync(c));
  if (!bin) throw new Error(`ATLAS_MOCK_URL is not set and atlas-mock is not built (looked at ${candidates.join(', ')}); run cargo build -p atlas-mock`);
  const child = spawn(bin, ['--port', '0', '--rate-limit', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errText = '';
  child.stderr.on('data', (d) => { errText += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`atlas-mock did not start in 20 s: ${errText}`)), 20_000);
    const onLine = (line) => {
      const m = /atlas-mock listening on (http\S+)/.exec(line);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    };
    readline.createInterface({ input: child.stdout }).on('line', onLine);
    readline.createInterface({ input: child.stderr }).on('line', onLine);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`atlas-mock exited with ${code}: ${errText}`)); });
  });
  child.stdout.resume();
  return { url, stop() { if (child.exitCode === null) child.kill('SIGTERM'); } };
}

// ---------------------------------------------------------------------------
// What every environment runs (as source, so each consumer embeds it)
// ---------------------------------------------------------------------------
const SMOKE = `async function smoke(AtlasClient, AtlasValidationError, baseUrl) {
  const atlas = new AtlasClient({ baseUrl, token: 'test-token' });
  const page = await atlas.listProjects({ itemsPerPage: 2 });
  const ids = page && Array.isArray(page.results) ? page.results.map((p) => p.id) : null;
  if (!ids || ids.length !== 2) throw new Error('listProjects({ itemsPerPage: 2 }) gave ' + JSON.stringify(page && page.results));
  for (const id of ids) if (!/^[0-9a-f]{24}$/.test(id)) throw new Error('not a 24-hex id: ' + JSON.stringify(id));
  let caught;
  try { await atlas.getMaintenanceWindow({ groupId: 'not-an-id' }); } catch (e) { caught = e; }
  if (!(caught instanceof AtlasValidationError)) throw new Error('a bad groupId did not reject with an AtlasValidationError instance: ' + String(caught));
  if (caught.field !== 'groupId') throw new Error('AtlasValidationError.field is ' + JSON.stringify(caught.field));
  return 'ok ' + ids.join(',');
}
`;
// In pages: run it, expose the outcome to the driver.
const PAGE_RUN = `const api = new URLSearchParams(location.search).get('api');
smoke(AtlasClient, AtlasValidationError, api).then(
  (r) => { window.__smoke = r; },
  (e) => { window.__smoke = 'error: ' + (e && e.stack || e); },
);
`;

// ---------------------------------------------------------------------------
// Static server for the browser environments (correct MIME for .wasm)
// ---------------------------------------------------------------------------
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.map': 'application/json' };
function serve(root) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(root, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`, close: () => { server.closeAllConnections?.(); server.close(); },
  })));
}

// ---------------------------------------------------------------------------
// Environments
// ---------------------------------------------------------------------------
const results = [];
async function env(name, fn) {
  const t = Date.now();
  try {
    await fn();
    results.push([name, null]);
    console.log(`ok ${name}`);
  } catch (e) {
    const why = String(e && e.message ? e.message : e).replace(/\s+/g, ' ').trim().slice(0, 600);
    results.push([name, why]);
    console.log(`FAIL ${name}: ${why}`);
  }
  log(`${name}: ${Date.now() - t} ms`);
}

async function main() {
  for (const f of ['package.json', 'node/index.cjs', 'web/index.js']) {
    if (!fs.existsSync(path.join(PKG_DIR, f))) throw new Error(`${PKG_DIR}/${f} is missing: build the package first (bash scripts/build.sh)`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-pkg-smoke-'));
  log('temporary dir', tmp);
  const mock = await startMock();
  log('mock', mock.url);
  let browser;
  let server;
  try {
    // 1. Pack, as `npm publish` would.
    const { stdout } = await run('npm', ['pack', PKG_DIR, '--pack-destination', tmp, '--json', '--silent']);
    const tarball = path.join(tmp, JSON.parse(stdout)[0].filename);

    // 2. Fresh projects: one for Node (tarball only), one with the tools.
    const nodeProj = path.join(tmp, 'node-app');
    const toolProj = path.join(tmp, 'tools-app');
    write(path.join(nodeProj, 'package.json'), JSON.stringify({ name: 'node-app', private: true, version: '1.0.0' }, null, 2));
    write(path.join(toolProj, 'package.json'), JSON.stringify({ name: 'tools-app', private: true, version: '1.0.0', type: 'module' }, null, 2));
    const npmFlags = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
    const installs = Promise.all([
      run('npm', ['install', ...npmFlags, tarball], { cwd: nodeProj }),
      run('npm', ['install', ...npmFlags, tarball, ...Object.entries(TOOLS).map(([n, v]) => `${n}@${v}`)], { cwd: toolProj }),
    ]);
    await installs;
    const bin = (name) => path.join(toolProj, 'node_modules', '.bin', name);

    // (a) Node ESM, (b) Node CommonJS — the tarball alone, no flags.
    await env('node-esm', async () => {
      write(path.join(nodeProj, 'esm.mjs'), `import { AtlasClient, AtlasValidationError } from 'atlas-admin-wasm';
${SMOKE}
console.log(await smoke(AtlasClient, AtlasValidationError, process.env.API));
`);
      const { stdout: out, stderr } = await run(process.execPath, ['esm.mjs'], { cwd: nodeProj, env: { ...process.env, API: mock.url } });
      if (!out.startsWith('ok ')) throw new Error(`unexpected output: ${out}`);
      if (/Warning/.test(stderr)) throw new Error(`warnings on stderr: ${stderr.trim()}`);
    });
    await env('node-cjs', async () => {
      write(path.join(nodeProj, 'cjs.cjs'), `'use strict';
const { AtlasClient, AtlasValidationError } = require('atlas-admin-wasm');
const esmSide = import('atlas-admin-wasm');
${SMOKE}
smoke(AtlasClient, AtlasValidationError, process.env.API).then(async (r) => {
  // ESM and CommonJS consumers in one app share one module instance.
  if ((await esmSide).AtlasValidationError !== AtlasValidationError) throw new Error('import() and require() give different classes');
  console.log(r);
}, (e) => { console.error(e); process.exit(1); });
`);
      const { stdout: out, stderr } = await run(process.execPath, ['cjs.cjs'], { cwd: nodeProj, env: { ...process.env, API: mock.url } });
      if (!out.startsWith('ok ')) throw new Error(`unexpected output: ${out}`);
      if (/Warning/.test(stderr)) throw new Error(`warnings on stderr: ${stderr.trim()}`);
    });

    // Browser projects inside the tools project (they share its node_modules).
    // (c) no bundler: a module script importing the file by path.
    write(path.join(toolProj, 'plain/index.html'), `<!doctype html><meta charset="utf-8"><title>plain</title>
<script type="module">
import { AtlasClient, AtlasValidationError } from '../node_modules/atlas-admin-wasm/web/index.js';
${SMOKE}${PAGE_RUN}</script>
`);
    // (f) a module worker importing the package, posting the result back.
    write(path.join(toolProj, 'worker/worker.js'), `import { AtlasClient, AtlasValidationError } from '../node_modules/atlas-admin-wasm/web/index.js';
${SMOKE}
self.onmessage = (ev) => smoke(AtlasClient, AtlasValidationError, ev.data).then(
  (r) => self.postMessage(r), (e) => self.postMessage('error: ' + (e && e.stack || e)));
// The package instantiates its .wasm on import (top-level await), so this
// module runs after that: say so, and messages posted earlier are not lost.
self.postMessage('ready');
`);
    write(path.join(toolProj, 'worker/index.html'), `<!doctype html><meta charset="utf-8"><title>worker</title>
<script type="module">
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = (ev) => {
  if (ev.data === 'ready') worker.postMessage(new URLSearchParams(location.search).get('api'));
  else window.__smoke = ev.data;
};
worker.onerror = (ev) => { window.__smoke = 'error: worker failed: ' + (ev.message || ev); };
</script>
`);
    // (d) esbuild, (e) Vite: an app importing the package by name.
    const APP = `import { AtlasClient, AtlasValidationError } from 'atlas-admin-wasm';
${SMOKE}${PAGE_RUN}`;
    write(path.join(toolProj, 'esbuild/app.js'), APP);
    write(path.join(toolProj, 'esbuild/index.html'), `<!doctype html><meta charset="utf-8"><title>esbuild</title>
<script type="module" src="./dist/app.js"></script>
`);
    write(path.join(toolProj, 'vite/main.js'), APP);
    write(path.join(toolProj, 'vite/index.html'), `<!doctype html><meta charset="utf-8"><title>vite</title>
<script type="module" src="./main.js"></script>
`);

    const buildEsbuild = run(bin('esbuild'), ['esbuild/app.js', '--bundle', '--format=esm', '--outfile=esbuild/dist/app.js', '--log-level=warning'], { cwd: toolProj });
    const buildVite = run(bin('vite'), ['build', 'vite', '--base=./', '--logLevel', 'warn'], { cwd: toolProj });
    // Keep the build promises from rejecting unobserved while other checks run.
    buildEsbuild.catch(() => {});
    buildVite.catch(() => {});

    // (g) TypeScript: `bundler` and `node16` resolution (and the legacy `node10`), by package name.
    const typescript = (async () => {
      const USE = (imp) => `${imp}
export async function use(baseUrl: string): Promise<Array<string | undefined>> {
  const atlas = new AtlasClient({ baseUrl, token: 'test-token' });
  const page = await atlas.listProjects({ itemsPerPage: 2 });
  // @ts-expect-error: a misspelt option must not compile (proves the declarations were found)
  await atlas.listProjects({ itemsPerPag: 2 });
  try {
    await atlas.getMaintenanceWindow({ groupId: 'not-an-id' });
  } catch (e) {
    if (e instanceof AtlasValidationError) { const f: string = e.field; void f; }
  }
  return page.results.map((p) => p.id);
}
`;
      const IMPORT = `import { AtlasClient, AtlasValidationError } from 'atlas-admin-wasm';`;
      write(path.join(toolProj, 'ts/bundler/app.ts'), USE(IMPORT));
      write(path.join(toolProj, 'ts/bundler/tsconfig.json'), JSON.stringify({ compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
        lib: ['es2022', 'dom'], types: [], skipLibCheck: false }, files: ['app.ts'] }, null, 2));
      write(path.join(toolProj, 'ts/node16/esm.mts'), USE(IMPORT));
      write(path.join(toolProj, 'ts/node16/cjs.cts'), USE(IMPORT));
      write(path.join(toolProj, 'ts/node16/tsconfig.json'), JSON.stringify({ compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', module: 'node16', moduleResolution: 'node16',
        lib: ['es2022'], types: ['node'], skipLibCheck: false }, files: ['esm.mts', 'cjs.cts'] }, null, 2));
      write(path.join(toolProj, 'ts/node10/app.ts'), USE(IMPORT));
      write(path.join(toolProj, 'ts/node10/tsconfig.json'), JSON.stringify({ compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', module: 'commonjs', moduleResolution: 'node10',
        lib: ['es2022', 'dom'], types: [], skipLibCheck: false, ignoreDeprecations: '5.0' }, files: ['app.ts'] }, null, 2));
      const tsc = bin('tsc');
      await run(tsc, ['-p', 'ts/node10', '--noEmit', '--strict'], { cwd: toolProj });
      const b = await run(tsc, ['-p', 'ts/bundler', '--noEmit', '--strict', '--explainFiles'], { cwd: toolProj });
      if (!/atlas-admin-wasm\/index\.d\.mts/.test(b.stdout)) throw new Error('bundler: index.d.mts was not the declaration used');
      const n = await run(tsc, ['-p', 'ts/node16', '--noEmit', '--strict', '--explainFiles'], { cwd: toolProj });
      for (const d of ['index.d.mts', 'index.d.cts']) {
        if (!n.stdout.includes(`atlas-admin-wasm/${d}`)) throw new Error(`node16: ${d} was not used`);
      }
    })();
    typescript.catch(() => {});

    // Browser environments: one Chromium, one page each.
    const { chromium } = createRequire(path.join(REPO, 'package.json'))('playwright-core');
    server = await serve(toolProj);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const inBrowser = async (pagePath, { wasmFile }) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = [];
      const wasmLoads = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      context.on('response', (r) => { if (r.url().endsWith('.wasm')) wasmLoads.push(`${r.status()} ${r.url()}`); });
      try {
        await page.goto(`${server.url}/${pagePath}?api=${encodeURIComponent(mock.url)}`);
        const handle = await page.waitForFunction(() => window.__smoke, null, { timeout: 30_000 }).catch(() => null);
        const outcome = handle ? await handle.jsonValue() : `no result in 30 s${problems.length ? ` (${problems.join('; ')})` : ''}`;
        if (!String(outcome).startsWith('ok ')) throw new Error(String(outcome).slice(0, 500));
        if (wasmFile && !wasmLoads.some((l) => l.startsWith('200 '))) {
          throw new Error(`the .wasm file was not loaded (fetches: ${wasmLoads.join(', ') || 'none'})`);
        }
      } finally {
        await context.close();
      }
    };

    await env('browser-no-bundler', () => inBrowser('plain/index.html', { wasmFile: true }));
    await env('esbuild', async () => {
      await buildEsbuild;
      // esbuild does not copy assets named by new URL(…, import.meta.url): the
      // package then uses its embedded copy, with no configuration.
      await inBrowser('esbuild/index.html', { wasmFile: false });
    });
    await env('vite', async () => {
      await buildVite;
      const assets = fs.readdirSync(path.join(toolProj, 'vite/dist/assets'));
      if (!assets.some((f) => f.endsWith('.wasm'))) throw new Error(`vite build emitted no .wasm (${assets.join(', ')})`);
      await inBrowser('vite/dist/index.html', { wasmFile: true });
    });
    await env('web-worker', () => inBrowser('worker/index.html', { wasmFile: true }));
    await env('typescript', () => typescript);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) server.close();
    mock.stop();
    if (process.env.KEEP_TMP) console.error(`[package] kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  console.log(`FAIL setup: ${String(e && e.message ? e.message : e).replace(/\s+/g, ' ').slice(0, 800)}`);
  results.push(['setup', String(e)]);
}
const failed = results.filter(([, why]) => why).length;
console.log(`package smoke: ${results.length - failed} passed, ${failed} failed`);
log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
