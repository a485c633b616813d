import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../engine';
import { checkInvariants, formatTrace, initialState, type StepEnv, step, Timeline } from '../engine';
import { ksqlEngine } from '../engine/testing/ksql';
import { KAFKA_TODAY, scenes } from './registry';

/**
 * A step's events as a trace, or, for a crowd of events (the scalable scene sends tens of thousands), the
 * count of each event type and a digest of the full trace: still a reviewed diff when behaviour changes,
 * without checking in megabytes.
 */
const FULL_TRACE_LIMIT = 250;

function traceOrSummary(events: readonly EngineEvent[]): string {
  const text = formatTrace(events);
  if (events.length <= FULL_TRACE_LIMIT) return text;
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const lines = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([type, n]) => `  ${String(n).padStart(7)} ${type}`);
  return [
    `  ${events.length} events, sha256 ${createHash('sha256').update(text).digest('hex')}`,
    ...lines,
  ].join('\n');
}

import { sceneRun } from './run';

/** The stream scenes run queries: the ksql engine is passed to every step, as the app does once it loads. */
const env: StepEnv = { ksql: ksqlEngine };

describe.each(scenes.map((s) => [s.id, s] as const))('scene %s', (_id, scene) => {
  const run = sceneRun(scene);

  it('runs every command without an engine error, keeping Kafka invariants', () => {
    // Invariants after every command for ordinary scenes; a crowd scene (100,000+ commands) is checked at
    // each step's end, where the narration makes its claims.
    const checkEvery = run.commands.length <= 5_000;
    const ends = new Set(run.stepEnds);
    let state = initialState(run.seed);
    run.commands.forEach((command, i) => {
      const r = step(state, command, env);
      expect(r.ok ? undefined : r.error, `command ${i} (${command.type})`).toBeUndefined();
      state = r.state;
      if (checkEvery || ends.has(i + 1)) expect(checkInvariants(state)).toEqual([]);
    });
  });

  it.each(scene.steps.map((s, k) => [k, s.title, s] as const))(
    'step %i (%s): what the narration claims holds',
    (k, _t, step) => {
      const state = new Timeline(run.seed, run.commands, env).stateAt(run.stepEnds[k]!);
      for (const claim of step.claims ?? []) expect(claim.holds(state), claim.text).toBe(true);
    },
  );

  it('matches its golden trace (review any diff: it is a change of behaviour)', async () => {
    const timeline = new Timeline(run.seed, run.commands, env);
    const sections: string[] = [];
    let from = 0;
    for (let k = -1; k < scene.steps.length; k++) {
      const to = k < 0 ? run.stepStarts[0]! : run.stepEnds[k]!;
      const events = [];
      for (let i = from + 1; i <= to; i++) events.push(...timeline.seek(i).events);
      sections.push(
        `## ${k < 0 ? 'setup' : `step ${k}: ${scene.steps[k]!.title}`}\n${traceOrSummary(events)}`,
      );
      from = to;
    }
    await expect(`${sections.join('\n\n')}\n`).toMatchFileSnapshot(`./golden/${scene.id}.trace`);
  });
});

it('gives every scene a unique, URL-safe id and at least one step', () => {
  const ids = scenes.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const s of scenes) {
    expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(s.steps.length).toBeGreaterThan(0);
  }
});

it("plays the talk's scenes in slide order, then the Kafka-today chapter in its order, the sandbox last", () => {
  const ids = scenes.map((s) => s.id);
  const lastTalkScene = Math.max(...scenes.flatMap((s, i) => (s.slides.length > 0 ? [i] : [])));
  const chapter = KAFKA_TODAY.filter((id) => ids.includes(id)).map((id) => ids.indexOf(id));
  expect(chapter).toEqual([...chapter].sort((a, b) => a - b));
  for (const i of chapter) expect(i).toBeGreaterThan(lastTalkScene);
  expect(ids.at(-1)).toBe('sandbox');
});
