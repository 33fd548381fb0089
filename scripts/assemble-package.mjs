// Assembles pkg/ into one npm package from the wasm-pack outputs in
// pkg/nodejs and pkg/web: entry points for Node (ESM and CommonJS) and for
// browsers/bundlers/workers, the error classes re-exported from each, the
// hand-written TypeScript declarations, and package.json with an exports map.
import { readFileSync, writeFileSync, readdirSync, renameSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const field = (k) => (cargo.match(new RegExp(`^${k} = "([^"]*)"`, 'm')) || [])[1];

renameSync(join(pkg, 'nodejs'), join(pkg, 'node'));

// The error classes live in a wasm-bindgen snippet whose folder name has a hash.
function snippet(dir) {
  const base = join(pkg, dir, 'snippets');
  const [name] = readdirSync(base);
  return `./snippets/${name}/js/errors.js`;
}
const ERRORS = ['AtlasError', 'AtlasValidationError', 'AtlasApiError', 'AtlasDecodeError',
  'AtlasNetworkError', 'AtlasTimeoutError', 'AtlasAbortError'];

// Node: the nodejs target is CommonJS; its snippet is an ES module, which
// Node >= 20.19 can require() once the folder says so.
writeFileSync(join(pkg, 'node', 'snippets', 'package.json'), '{ "type": "module" }\n');
writeFileSync(join(pkg, 'node', 'index.cjs'), `'use strict';
const wasm = require('./atlas_admin_wasm.js');
const errors = require('${snippet('node')}');
module.exports = { AtlasClient: wasm.AtlasClient, ${ERRORS.map((e) => `${e}: errors.${e}`).join(', ')} };
`);
writeFileSync(join(pkg, 'node', 'index.mjs'), `import cjs from './index.cjs';
export const { AtlasClient, ${ERRORS.join(', ')} } = cjs;
`);
writeFileSync(join(pkg, 'node', 'package.json'), '{ "type": "commonjs" }\n');

// Browsers, bundlers and workers: the web target, instantiated on import
// (the .wasm is found next to the module through import.meta.url).
writeFileSync(join(pkg, 'web', 'index.js'), `import init, { AtlasClient } from './atlas_admin_wasm.js';
export { ${ERRORS.join(', ')} } from '${snippet('web')}';
await init({ module_or_path: new URL('./atlas_admin_wasm_bg.wasm', import.meta.url) });
export { AtlasClient };
`);
writeFileSync(join(pkg, 'web', 'package.json'), '{ "type": "module" }\n');

copyFileSync(join(root, 'js', 'atlas-admin-wasm.d.ts'), join(pkg, 'index.d.ts'));
for (const f of ['README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'CHANGELOG.md']) {
  if (existsSync(join(root, f))) copyFileSync(join(root, f), join(pkg, f));
}

const manifest = {
  name: field('name'),
  version: field('version'),
  description: field('description'),
  license: field('license'),
  repository: { type: 'git', url: field('repository') },
  keywords: ['mongodb', 'atlas', 'admin-api', 'wasm', 'webassembly', 'client'],
  engines: { node: '>=20.19' },
  types: './index.d.ts',
  main: './node/index.cjs',
  module: './web/index.js',
  browser: './web/index.js',
  exports: {
    '.': {
      types: './index.d.ts',
      node: { import: './node/index.mjs', require: './node/index.cjs' },
      browser: './web/index.js',
      default: './web/index.js',
    },
    './package.json': './package.json',
  },
  files: ['index.d.ts', 'node/', 'web/', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'CHANGELOG.md'],
  sideEffects: ['./web/index.js'],
};
writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
console.error(`[build] assembled ${join(pkg, 'package.json')}`);
