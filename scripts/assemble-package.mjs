// Assembles pkg/ into one npm package from the wasm-pack outputs in
// pkg/nodejs and pkg/web: entry points for Node (ESM and CommonJS) and for
// browsers/bundlers/workers, the error classes re-exported from each, the
// hand-written TypeScript declarations (as .d.ts, .d.mts and .d.cts), and
// package.json with an exports map.
//
// Usage: node scripts/assemble-package.mjs [PKG_DIR]   (default: pkg/, or $ATLAS_PKG_DIR)
import {
  readFileSync, writeFileSync, readdirSync, renameSync, copyFileSync, existsSync, rmSync,
} from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = resolve(process.argv[2] || process.env.ATLAS_PKG_DIR || join(root, 'pkg'));
const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const field = (k) => (cargo.match(new RegExp(`^${k} = "([^"]*)"`, 'm')) || [])[1];
const fail = (msg) => {
  console.error(`[build] assemble-package: ${msg}`);
  process.exit(1);
};

if (existsSync(join(pkg, 'nodejs'))) {
  rmSync(join(pkg, 'node'), { recursive: true, force: true });
  renameSync(join(pkg, 'nodejs'), join(pkg, 'node'));
}
for (const f of ['node/atlas_admin_wasm.js', 'web/atlas_admin_wasm.js', 'web/atlas_admin_wasm_bg.wasm']) {
  if (!existsSync(join(pkg, f))) fail(`${join(pkg, f)} is missing (run wasm-pack for the nodejs and web targets first)`);
}

// The error classes live in a wasm-bindgen snippet whose folder name has a hash.
function snippetDir(dir) {
  const base = join(pkg, dir, 'snippets');
  const names = readdirSync(base).filter((n) => n !== 'package.json');
  if (names.length !== 1) fail(`expected one snippet folder in ${base}, found ${names.join(', ')}`);
  return names[0];
}
const snippet = (dir) => `./snippets/${snippetDir(dir)}/js/errors.js`;
const ERRORS = ['AtlasError', 'AtlasValidationError', 'AtlasApiError', 'AtlasDecodeError',
  'AtlasNetworkError', 'AtlasTimeoutError', 'AtlasAbortError'];

// ---------------------------------------------------------------------------
// Node: the nodejs target is CommonJS and loads the .wasm synchronously with
// fs, so neither entry has top-level await. Its snippets (js/*.js) are ES
// modules; they are rewritten to CommonJS here so that require() never loads
// an ES module: the package then works on every Node that runs the glue, and
// in CommonJS module systems that cannot require() ES modules (Jest, older
// bundlers targeting Node).
// ---------------------------------------------------------------------------
function esmToCjs(source, file) {
  const names = [];
  const out = source.replace(/^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm,
    (_, kind, name) => {
      names.push(name);
      return `${kind} ${name}`;
    });
  if (/^\s*(export|import)\b/m.test(out) || /\bimport\.meta\b/.test(out)) {
    fail(`${file}: only \`export class|function|const NAME\` is supported in js/ snippets (convert it by hand or extend esmToCjs)`);
  }
  return `'use strict';\n${out}\nmodule.exports = { ${names.join(', ')} };\n`;
}
const nodeSnippets = join(pkg, 'node', 'snippets');
rmSync(join(nodeSnippets, 'package.json'), { force: true });
const nodeJs = join(nodeSnippets, snippetDir('node'), 'js');
for (const f of readdirSync(nodeJs).filter((n) => n.endsWith('.js'))) {
  const p = join(nodeJs, f);
  writeFileSync(p, esmToCjs(readFileSync(p, 'utf8'), p));
}
writeFileSync(join(pkg, 'node', 'index.cjs'), `'use strict';
const wasm = require('./atlas_admin_wasm.js');
const errors = require('${snippet('node')}');
module.exports = { AtlasClient: wasm.AtlasClient, ${ERRORS.map((e) => `${e}: errors.${e}`).join(', ')} };
`);
// One instance for both: the ES entry re-exports the CommonJS one, so a class
// imported in ESM is the same one a require() elsewhere in the app sees.
writeFileSync(join(pkg, 'node', 'index.mjs'), `import cjs from './index.cjs';
export const { AtlasClient, ${ERRORS.join(', ')} } = cjs;
`);
writeFileSync(join(pkg, 'node', 'package.json'), '{ "type": "commonjs" }\n');

// Both targets build the very same .wasm: Node reads the web copy instead of
// shipping a second one (the package is ~200 kB smaller packed).
{
  const nodeWasm = join(pkg, 'node', 'atlas_admin_wasm_bg.wasm');
  const webWasm = join(pkg, 'web', 'atlas_admin_wasm_bg.wasm');
  if (!readFileSync(nodeWasm).equals(readFileSync(webWasm))) {
    fail('the nodejs and web targets produced different .wasm files; keep both');
  }
  const gluePath = join(pkg, 'node', 'atlas_admin_wasm.js');
  const glue = readFileSync(gluePath, 'utf8');
  const from = 'const wasmPath = `${__dirname}/atlas_admin_wasm_bg.wasm`;';
  if (!glue.includes(from)) fail(`${gluePath}: the line that locates the .wasm has changed; update assemble-package.mjs`);
  writeFileSync(gluePath, glue.replace(from, "const wasmPath = require('path').join(__dirname, '..', 'web', 'atlas_admin_wasm_bg.wasm');"));
  rmSync(nodeWasm);
}

// ---------------------------------------------------------------------------
// Browsers, bundlers and workers: the web target, instantiated on import.
// The .wasm is found next to the module through import.meta.url: natively,
// and in bundlers that copy assets named by `new URL('…', import.meta.url)`
// (Vite, webpack 5, Parcel, Rollup with a plugin). Where nothing is there
// (esbuild does not copy such assets; Vite's dev pre-bundling; jsdom), the
// module falls back to a copy of the .wasm embedded in a JS module, which is
// only fetched/bundled-in where that dynamic import is reached or inlined.
// ---------------------------------------------------------------------------
// The embedded copy is split into parts below 500 kB so that bundlers which
// emit it as chunks (Vite) do not warn about its size.
const wasmBase64 = readFileSync(join(pkg, 'web', 'atlas_admin_wasm_bg.wasm')).toString('base64');
const PART = 240_000; // a multiple of 4: each part is valid base64 on its own
const parts = [];
for (let i = 0; i * PART < wasmBase64.length; i++) parts.push(wasmBase64.slice(i * PART, (i + 1) * PART));
for (const f of readdirSync(join(pkg, 'web')).filter((n) => /^atlas_admin_wasm_bg\.inline/.test(n))) rmSync(join(pkg, 'web', f));
parts.forEach((text, i) => {
  writeFileSync(join(pkg, 'web', `atlas_admin_wasm_bg.inline${i}.js`),
    `// Part ${i + 1} of ${parts.length} of this package's .wasm as base64: the fallback of index.js.\nexport default '${text}';\n`);
});
writeFileSync(join(pkg, 'web', 'index.js'), `import init, { AtlasClient } from './atlas_admin_wasm.js';
export { ${ERRORS.join(', ')} } from '${snippet('web')}';
try {
  await init({ module_or_path: new URL('./atlas_admin_wasm_bg.wasm', import.meta.url) });
} catch (error) {
  // No .wasm next to this module (a bundler that does not copy it): use the embedded copy.
  let base64;
  try {
    base64 = (await Promise.all([
      ${parts.map((_, i) => `import('./atlas_admin_wasm_bg.inline${i}.js')`).join(',\n      ')},
    ])).map((m) => m.default).join('');
  } catch {
    throw error;
  }
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  await init({ module_or_path: bytes });
}
export { AtlasClient };
`);
writeFileSync(join(pkg, 'web', 'package.json'), '{ "type": "module" }\n');

// ---------------------------------------------------------------------------
// Types: one source, three names, so that TypeScript sees ESM declarations
// for import and CommonJS ones for require (moduleResolution node16/nodenext),
// and index.d.ts for the legacy `node10` resolution.
// ---------------------------------------------------------------------------
for (const name of ['index.d.ts', 'index.d.mts', 'index.d.cts']) {
  copyFileSync(join(root, 'js', 'atlas-admin-wasm.d.ts'), join(pkg, name));
}
for (const f of ['README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'CHANGELOG.md']) {
  if (existsSync(join(root, f))) copyFileSync(join(root, f), join(pkg, f));
}

const esm = { types: './index.d.mts', default: './web/index.js' };
const manifest = {
  name: field('name'),
  version: field('version'),
  description: field('description'),
  license: field('license'),
  repository: { type: 'git', url: `git+${field('repository')}.git` },
  homepage: `${field('repository')}#readme`,
  bugs: { url: `${field('repository')}/issues` },
  keywords: ['mongodb', 'atlas', 'mongodb-atlas', 'atlas-admin-api', 'admin-api', 'api-client',
    'wasm', 'webassembly', 'typescript', 'browser', 'web-worker'],
  engines: { node: '>=20.19' },
  type: 'commonjs',
  types: './index.d.ts',
  main: './node/index.cjs',
  module: './web/index.js',
  browser: './web/index.js',
  exports: {
    '.': {
      node: {
        import: { types: './index.d.mts', default: './node/index.mjs' },
        require: { types: './index.d.cts', default: './node/index.cjs' },
      },
      browser: esm,
      worker: esm,
      default: esm,
    },
    './web': esm,
    './package.json': './package.json',
  },
  files: ['index.d.ts', 'index.d.mts', 'index.d.cts', 'node/', 'web/',
    'README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'CHANGELOG.md'],
  sideEffects: ['./web/index.js', './web/atlas_admin_wasm.js', './node/*'],
};
writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
console.error(`[build] assembled ${join(pkg, 'package.json')}`);
