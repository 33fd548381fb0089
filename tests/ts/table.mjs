// Checks the hand-written TypeScript declarations against the operation table
// generated from the API description: every operation is a method of
// AtlasClient, and its options type has exactly the operation's parameters,
// `body` when it takes one, and the per-call options (apiVersion, signal,
// timeoutMs). Run by scripts/typecheck.sh; prints one line per problem.
//
//   node tests/ts/table.mjs    (exit 1 on a mismatch, 2 when the description is missing)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const spec = join(root, '..', 'shared', 'spec', 'atlas-admin-v2-seed-subset.json');
if (!existsSync(spec)) {
  console.log(`table: SKIPPED, ${spec} not found`);
  process.exit(2);
}
const facts = JSON.parse(execFileSync('node', [join(root, 'scripts', 'gen-schema.mjs'), '--json'], { encoding: 'utf8' }));
const dts = join(root, 'js', 'atlas-admin-wasm.d.ts');
const program = ts.createProgram([dts], { strict: true, noEmit: true, skipLibCheck: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] });
const checker = program.getTypeChecker();
let client;
ts.forEachChild(program.getSourceFile(dts), (n) => {
  if (ts.isClassDeclaration(n) && n.name?.text === 'AtlasClient') client = n;
});
const problems = [];
if (!client) problems.push('no class AtlasClient in the declarations');
const common = ['apiVersion', 'signal', 'timeoutMs'];
for (const op of facts) {
  const method = client?.members.find((m) => ts.isMethodDeclaration(m) && m.name.getText() === op.name);
  if (!method) {
    problems.push(`${op.name}: not declared on AtlasClient`);
    continue;
  }
  const type = checker.getTypeAtLocation(method.parameters[0]);
  const have = checker.getPropertiesOfType(checker.getNonNullableType(type)).map((p) => p.name).sort();
  const want = [...new Set([...op.params, ...(op.body ? ['body'] : []), ...common])].sort();
  if (have.join() !== want.join()) {
    problems.push(`${op.name}: options declare [${have}] but the operation takes [${want}]`);
  }
}
for (const p of problems) console.log(`table: ${p}`);
console.log(problems.length ? `table: FAIL (${problems.length})` : `table: ok (${facts.length} operations match the declarations)`);
process.exit(problems.length ? 1 : 0);
