/**
 * Every scene's "run it for real" commands are run by a test in conformance/scenes/, or the scene is
 * listed as not runnable here with the reason.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenes } from '../src/scenarios/registry';
import { DELIBERATE } from './differences';
import { ROOT, shownCommands } from './real';

/** Scenes whose commands are all ksqlDB statements, or Kafka commands reading a ksqlDB output topic. */
const NOT_RUN: Readonly<Record<string, string>> = {
  'fraud-query': 'ksqlDB statements only',
  'streaming-toolset':
    'ksqlDB statements; its console consumer reads POSSIBLE_FRAUD, which only ksqlDB writes',
  origins: 'ksqlDB statements; its console consumer reads POSSIBLE_FRAUD, which only ksqlDB writes',
  'streaming-giants': 'ksql> statements only',
  'who-streams': 'ksql> statements only',
};

describe('conformance coverage', () => {
  it.each(scenes.map((s) => [s.id, s] as const))(
    '%s: its shown commands run in the suite, or it says why not',
    (id, scene) => {
      const runnable = shownCommands(scene.realCommands).filter((c) => !/POSSIBLE_FRAUD/.test(c.shell));
      const file = join(ROOT, 'conformance', 'scenes', `${id}.test.ts`);
      if (runnable.length > 0)
        expect(existsSync(file), `${file} runs ${runnable.length} command(s)`).toBe(true);
      else {
        expect(NOT_RUN[id], `${id} shows no Kafka command: say why in NOT_RUN`).toBeDefined();
        expect(DELIBERATE['ksqldb-not-run']?.scene).toContain(id);
      }
    },
  );
});
