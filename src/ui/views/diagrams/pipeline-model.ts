/**
 * What the stream pipeline draws, read from the engine at the playhead: the attempts the running query has
 * read (newest last) and the alerts in its output topic, one per card and window with its latest count. What
 * the step added is what was not there at the start of the step. Pure; the view only lays it out.
 */
import type { EngineState } from '../../../engine';
import { cellKey, streamModel } from '../stream/stream-model';

export interface PipelineAttempt {
  readonly id: string;
  readonly card: string;
  readonly ts: number;
  readonly isNew: boolean;
}

export interface PipelineAlert {
  readonly key: string;
  readonly card: string;
  readonly count: number;
  readonly isNew: boolean;
}

export interface PipelineModel {
  readonly running: boolean;
  readonly attempts: readonly PipelineAttempt[];
  /** Attempts read during this step. */
  readonly newAttempts: number;
  readonly alerts: readonly PipelineAlert[];
}

/** The latest row per card and window; a retracted (tombstoned) row removes its alert. */
function latestAlerts(
  rows: ReturnType<typeof streamModel>['output'],
): Map<string, { card: string; count: number }> {
  const alerts = new Map<string, { card: string; count: number }>();
  for (const r of rows) {
    const key = cellKey(r.card, r.windowStart);
    if (r.count === null) alerts.delete(key);
    else alerts.set(key, { card: r.card, count: r.count });
  }
  return alerts;
}

export function pipelineModel(
  state: EngineState,
  queryId: string,
  outputTopic: string,
  fromMs: number,
  playheadMs: number,
): PipelineModel {
  const now = streamModel(state, queryId, outputTopic, undefined, playheadMs);
  const before = streamModel(state, queryId, outputTopic, undefined, fromMs);
  const seen = new Set(before.dots.map((d) => d.id));
  const attempts = [...now.dots]
    .sort((a, b) => a.ts - b.ts)
    .map((d) => ({ id: d.id, card: d.card, ts: d.ts, isNew: !seen.has(d.id) }));
  const earlier = latestAlerts(before.output);
  const alerts = [...latestAlerts(now.output)].map(([key, a]) => ({
    key,
    card: a.card,
    count: a.count,
    isNew: earlier.get(key)?.count !== a.count,
  }));
  return {
    running: now.query !== undefined,
    attempts,
    newAttempts: attempts.filter((a) => a.isNew).length,
    alerts,
  };
}
