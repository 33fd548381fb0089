// Real-browser test of the demo page (www/) in headless Chromium.
//
// Run: node --test tests/browser/
//
// The local Atlas server must serve the page and the package on the API's
// origin. The test runner starts it as
//     target/debug/atlas-mock --port 0 --static-dir www --pkg-dir pkg
// and passes its URL in ATLAS_MOCK_URL (scripts/mock.sh: `start_mock
// --static-dir www --pkg-dir pkg`). Without ATLAS_MOCK_URL this test starts
// ${CARGO_TARGET_DIR:-target}/debug/atlas-mock itself on port 0 with those
// flags and stops it afterwards. Build first: bash scripts/build.sh and
// cargo build -p atlas-mock.
//
// Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH) and npm's
// playwright-core; it never downloads browsers. Screenshots of every step go
// to target/screenshots/NN-step.png.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'target', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

let base; // http://127.0.0.1:PORT, no trailing slash
let mockProcess = null;
let browser;
let page;
let seed;
const pageErrors = [];
const consoleErrors = [];

/** Starts the local Atlas server on a free port; resolves to its URL. */
function startMock() {
  const bin = path.resolve(ROOT, process.env.CARGO_TARGET_DIR || 'target', 'debug', 'atlas-mock');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run cargo build -p atlas-mock (or set ATLAS_MOCK_URL)`);
  const child = spawn(bin, ['--port', '0', '--static-dir', 'www', '--pkg-dir', 'pkg', '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mockProcess = child;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`atlas-mock did not start in 20 s: ${err}`)), 20_000);
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`atlas-mock exited (${code}): ${err}`)); });
  });
}

async function getJson(url, init) {
  const res = await fetch(url, init);
  assert.ok(res.ok, `${init?.method ?? 'GET'} ${url} answered ${res.status}`);
  return res.json();
}
const stats = () => getJson(`${base}/__mock/stats`);

let shotNo = 0;
/** Saves target/screenshots/NN-name.png of the whole page or one section. */
async function shot(name, selector) {
  shotNo += 1;
  const file = path.join(SHOTS, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  if (selector) {
    const el = page.locator(selector);
    await el.scrollIntoViewIfNeeded();
    await el.screenshot({ path: file });
  } else {
    await page.screenshot({ path: file, fullPage: true });
  }
  return file;
}

describe('demo page in headless Chromium', { timeout: 90_000 }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    base = (process.env.ATLAS_MOCK_URL || (await startMock())).replace(/\/+$/, '');
    const home = await fetch(`${base}/`);
    const html = await home.text();
    assert.ok(home.ok && html.includes('atlas-admin-wasm'),
      `${base}/ does not serve the demo page: start atlas-mock with --static-dir www --pkg-dir pkg`);
    const pkg = await fetch(`${base}/pkg/web/index.js`);
    assert.ok(pkg.ok, `${base}/pkg/web/index.js answered ${pkg.status}: build pkg/ (scripts/build.sh) and pass --pkg-dir pkg`);
    seed = await getJson(`${base}/__mock/seed`);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e && e.stack ? e.stack : e)));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push({ text: m.text(), url: m.location()?.url ?? '' });
    });
  });

  after(async () => {
    await browser?.close();
    if (mockProcess) {
      mockProcess.kill();
      await new Promise((r) => (mockProcess.exitCode !== null ? r() : mockProcess.once('exit', r)));
    }
  });

  it('loads the client and prefills the seed ids', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    assert.equal(await page.inputValue('#base-url'), base);
    assert.equal(await page.inputValue('#token'), 'test-token');
    assert.equal(await page.inputValue('#key-org-id'), seed.orgId);
    assert.equal(await page.inputValue('#si-index-id'), seed.searchIndexId);
    assert.equal(await page.getAttribute('#conn-status', 'data-state'), 'ready');
    // The deprecated operations are marked as such.
    const badges = await page.locator('h2 .badge.deprecated').allTextContents();
    assert.ok(badges.length >= 2 && badges.every((b) => /deprecated/i.test(b)), `badges: ${badges}`);
    await shot('loaded');
  });

  it('lists every seeded project with a progress bar reaching 100 %', async () => {
    await page.click('#list-projects');
    await page.waitForSelector('#projects[data-state="done"], #projects[data-state="error"]', { timeout: 30_000 });
    const err = await page.locator('#projects-error').textContent();
    assert.equal(await page.getAttribute('#projects', 'data-state'), 'done', `listing failed: ${err}`);
    assert.equal(Number(await page.textContent('#projects-count')), seed.projectCount);
    assert.equal(await page.locator('#projects-table tbody tr').count(), seed.projectCount);
    const bar = await page.$eval('#projects-progress', (p) => ({ value: p.value, max: p.max }));
    assert.equal(bar.max, 100);
    assert.equal(bar.value, bar.max, 'progress bar at 100 %');
    console.log(`projects listed with ${await page.getAttribute('#projects', 'data-mode')}`);
    await shot('projects', '#projects');
  });

  it('reads the maintenance window of a clicked project', async () => {
    await page.click(`#projects-table tbody tr[data-group-id="${seed.groupId}"]`);
    await page.waitForSelector('#mw-result:not([hidden]), #mw-error:not([hidden])');
    assert.equal(await page.isHidden('#mw-error'), true, await page.textContent('#mw-error'));
    assert.equal(await page.inputValue('#mw-group-id'), seed.groupId);
    assert.match(await page.textContent('#mw-result'), /day\s*\S+day/);
    await shot('maintenance-window', '#maintenance');
  });

  it('refuses a bad search index definition in the page, sending nothing', async () => {
    const before = (await stats()).requests;
    const definition = {
      collectionName: 'movies',
      database: 'sample_mflix',
      name: 'default',
      analyzers: [{ name: 'lucene.bad', tokenizer: { type: 'standard' } }],
      mappings: { dynamic: true },
    };
    await page.fill('#si-editor', JSON.stringify(definition, null, 2));
    await page.click('#si-save');
    await page.waitForSelector('#si-check[data-state="invalid"]');
    const problem = await page.locator('#si-errors li').first();
    assert.equal(await problem.locator('code.field').textContent(), 'body.analyzers[0].name');
    assert.match(await problem.textContent(), /body\.analyzers\[0\]\.name .*lucene\./);
    assert.equal(await page.isHidden('#si-error'), true, 'nothing came back from the server');
    const after = (await stats()).requests;
    assert.equal(after, before, 'the refused definition was not sent');
    await shot('search-index-validation', '#searchindex');
  });

  it('creates an API key and shows its private key once', async () => {
    await page.click('#key-create');
    await page.waitForSelector('#key-result:not([hidden]), #key-error:not([hidden])');
    assert.equal(await page.isHidden('#key-error'), true, await page.textContent('#key-error'));
    const privateKey = await page.inputValue('#key-private');
    assert.ok(privateKey.length >= 8 && !privateKey.includes('*'), `private key shown: ${privateKey}`);
    assert.match(await page.textContent('#key-public'), /^\S{8}$/);
    assert.match(await page.textContent('#key-warning'), /only/);
    await shot('api-key', '#apikey');
  });

  it('shows the Cedar parser errors inline', async () => {
    const bad = 'permit (\n  principal,\n  action == cloud::Action::"cluster.createEdit",\n  resource\n) when {';
    // What Atlas (the local server) says about this policy, asked directly.
    const res = await fetch(`${base}/api/atlas/v2/orgs/${seed.orgId}/resourcePolicies:validate`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer test-token',
        Accept: 'application/vnd.atlas.2024-08-05+json',
        'Content-Type': 'application/vnd.atlas.2024-08-05+json',
      },
      body: JSON.stringify({ name: 'expected', policies: [{ body: bad }] }),
    });
    assert.equal(res.status, 400);
    const expected = (await res.json()).invalidPolicies.flatMap((p) => p.errors.map((e) => e.detail))
      .flatMap((d) => d.split('\n')).filter((l) => l.trim());
    assert.ok(expected.length > 0);

    await page.fill('#policy-body', bad);
    await page.click('#policy-validate');
    await page.waitForSelector('#policy-errors:not([hidden]), #policy-ok:not([hidden])');
    assert.equal(await page.isHidden('#policy-ok'), true, 'the bad policy was refused');
    assert.match(await page.textContent('#policy-error-title'), /400 POLICY_PARSING_ERROR/);
    assert.deepEqual(await page.locator('#policy-error-list li').allTextContents(), expected);
    await shot('policy-error', '#policy');
  });

  it('creates an X.509 certificate downloadable as PEM', async () => {
    await page.click('#cert-create');
    await page.waitForSelector('#cert-result:not([hidden]), #cert-error:not([hidden])');
    assert.equal(await page.isHidden('#cert-error'), true, await page.textContent('#cert-error'));
    const href = await page.getAttribute('#cert-download', 'href');
    assert.match(href, /^blob:/);
    assert.equal(await page.getAttribute('#cert-download', 'download'), `${seed.username}.pem`);
    const pem = await page.evaluate(async (u) => (await fetch(u)).text(), href);
    assert.match(pem, /-----BEGIN CERTIFICATE-----[\s\S]+-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    await shot('certificate', '#cert');
  });

  it('reads a legacy snapshot (deprecated) and reports the deprecation', async () => {
    await page.click('#snap-load');
    await page.waitForSelector('#snap-result:not([hidden]), #snap-error:not([hidden])');
    assert.equal(await page.isHidden('#snap-error'), true, await page.textContent('#snap-error'));
    assert.match(await page.textContent('#snap-result'), new RegExp(seed.snapshotId));
    const notices = await page.locator('#deprecations li code').allTextContents();
    assert.ok(notices.includes('getLegacySnapshot'), `notices: ${notices}`);
    await shot('snapshot-deprecated', '#snapshot');
  });

  it('shows no raw objects and raises no page errors', async () => {
    await shot('full-page');
    const text = await page.textContent('body');
    assert.ok(!text.includes('[object Object]'), 'no [object Object] in the page');
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
    // The only console errors allowed are Chromium's "Failed to load resource"
    // notes of the refusal the test provoked on purpose (the bad policy).
    const unexpected = consoleErrors.filter(
      (m) => !(/status of 400/.test(m.text) && m.url.includes('resourcePolicies:validate')),
    );
    assert.deepEqual(unexpected, [], 'no console errors in the page');
  });
});
