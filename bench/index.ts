/**
 * `npm run bench`: runs every bench/*.bench.ts suite, prints one table, and writes bench/results.json.
 * Figures only: no figure here fails a test; a missed target is printed with how far off it is.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchSuite } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

function ratioOf(row: BenchRow): number | undefined {
  return row.baseline ? row.value / row.baseline.value : undefined;
}

function verdict(row: BenchRow): string {
  if (!row.target) return '';
  const measured = row.target.of === 'ratio' ? ratioOf(row) : row.value;
  if (measured === undefined) return `target ${row.target.text}: no baseline`;
  const ok = row.target.op === '>=' ? measured >= row.target.value : measured <= row.target.value;
  if (ok) return `meets ${row.target.text}`;
  const off =
    row.target.op === '>='
      ? (row.target.value / measured - 1) * 100
      : (measured / row.target.value - 1) * 100;
  return `MISSES ${row.target.text} by ${off.toFixed(0)}%`;
}

function fmt(n: number): string {
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(3);
}

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const results: (BenchRow & { suite: string; ratio?: number; verdict: string })[] = [];
for (const file of files) {
  const suite = (await import(join(here, file))).default as BenchSuite;
  const rows = await suite();
  for (const row of rows) results.push({ ...row, suite: file, ratio: ratioOf(row), verdict: verdict(row) });
}

const lines = results.map((r) => [
  r.name,
  `${fmt(r.value)} ${r.unit}`,
  r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.baseline.unit}` : '',
  r.ratio !== undefined ? `x${fmt(r.ratio)}` : '',
  r.verdict,
]);
const header = ['figure', 'value', 'compared with (same run)', 'ratio', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
const print = (cols: string[]) => console.log(cols.map((c, i) => c.padEnd(widths[i]!)).join('  '));
print(header);
print(widths.map((w) => '-'.repeat(w)));
for (const l of lines) print(l);
writeFileSync(
  join(here, 'results.json'),
  `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`,
);
console.log(`\nwrote bench/results.json (${results.length} figures)`);
