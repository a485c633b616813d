// Counts the type assertions left in the engine's production code: `x as T` (including `as unknown as T`,
// counted once per `as`) and `<T>x`, but not `as const`. Uses the TypeScript parser, so "as" in comments,
// strings and import renames is not counted. Usage: node scripts/count-casts.mjs [dir] [--list]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const dir = process.argv.find((a, i) => i > 1 && !a.startsWith('--')) ?? 'src/engine';
const list = process.argv.includes('--list');

function* files(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !p.includes('/testing/')) yield p;
  }
}

let total = 0;
for (const f of files(dir)) {
  const src = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (n) => {
    const isAs = ts.isAsExpression(n) && !(ts.isTypeReferenceNode(n.type) && n.type.getText(src) === 'const');
    if (isAs || ts.isTypeAssertionExpression(n)) {
      total++;
      if (list) {
        const { line } = src.getLineAndCharacterOfPosition(n.getStart(src));
        console.log(`${f}:${line + 1}: ${n.getText(src).replace(/\s+/g, ' ').slice(0, 100)}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
}
console.log(total);
