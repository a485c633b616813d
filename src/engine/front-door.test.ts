/**
 * The engine's front door is enforced by Biome (biome.jsonc, noRestrictedImports): these run the real lint on
 * probe files placed where the rule applies, so a change of the config that lets a deep import through fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const probes: string[] = [];

/** Lints `source` as if it were the file at `path` (relative to the repository); returns Biome's messages. */
function lint(path: string, source: string): string {
  const dir = join(process.cwd(), path, '..', `front-door-probe-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  probes.push(dir);
  const file = join(dir, path.split('/').pop()!);
  // The probe sits one folder deeper than `path`: one more '../' keeps its imports pointing where they did.
  writeFileSync(file, source.replaceAll("from '../", "from '../../"));
  try {
    execFileSync('npx', ['biome', 'lint', '--max-diagnostics=50', file], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    // Biome prints its diagnostics on stderr and exits non-zero when it finds an error.
    const { stdout = '', stderr = '' } = e as { stdout?: string; stderr?: string };
    return stdout + stderr;
  }
}

afterAll(() => {
  for (const dir of probes) rmSync(dir, { recursive: true, force: true });
});

describe('the engine front door', () => {
  it('refuses a deep import of the engine from the app', () => {
    const out = lint(
      'src/ui/store/probe.ts',
      "import { Tx } from '../../engine/core/tx';\nexport const x = Tx;\n",
    );
    expect(out).toContain('Import the engine through its front door');
  });

  it('lets the app import the front door', () => {
    const out = lint(
      'src/ui/store/probe.ts',
      "import { step } from '../../engine';\nexport const x = step;\n",
    );
    expect(out).not.toContain('noRestrictedImports');
  });

  it('refuses an engine import of the app, and a test helper in production code', () => {
    const out = lint(
      'src/engine/core/probe.ts',
      "import { deckStore } from '../../ui/store/deck-store';\nimport { runCommands } from '../testing/test-support';\nexport const x = [deckStore, runCommands];\n",
    );
    expect(out).toContain('The engine imports nothing from src/ui or src/scenarios');
    expect(out).toContain('Test helpers are for tests only');
  });
});
