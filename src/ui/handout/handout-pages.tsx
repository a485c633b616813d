/**
 * The printable handout's pages: one per step of every scene, with its picture at the end of the step, its
 * narration, and the key state (partitions, offsets, leaders). A chunk of its own, loaded when the deck
 * starts and rendered only while printing (Handout.tsx), so the first picture does not wait for it.
 */
import { useStore } from 'zustand';
import type { EngineState } from '../../engine';
import { keptRecords, type ReplicaLog } from '../../engine';
import { deckScenes } from '../store/deck-scenes';
import { deckStore } from '../store/deck-store';
import { type Frame, NO_LIVE, stateAtStep } from '../store/frames';
import { KSQL_FAILED_TEXT, KSQL_LOADING_TEXT, sceneNeedsKsql, useKsqlEngine } from '../store/ksql-loader';
import { Stage } from '../views/Stage';

/** The newest records of a log as text; a long log (a stream scene's) keeps one handout page per step. */
const RECORDS_SHOWN = 4;
function recordsText(log: ReplicaLog): string {
  const records = keptRecords(log);
  const shown = records
    .slice(-RECORDS_SHOWN)
    .map((r) => (r.key === null ? r.value : `${r.key}:${r.value}`))
    .join(' ');
  const earlier = records.length - RECORDS_SHOWN;
  return earlier > 0 ? `(${earlier} earlier) … ${shown}` : shown;
}

function KeyState({ state }: { state: EngineState }) {
  const cut = Object.values(state.topics).filter(
    (t) => !t.name.startsWith('__') && t.partitions.length > MAX_ROWS,
  );
  return (
    <table className="handout-state">
      <thead>
        <tr>
          <th scope="col">partition</th>
          <th scope="col">leader</th>
          <th scope="col">ISR</th>
          <th scope="col">log start</th>
          <th scope="col">log end</th>
          <th scope="col">high watermark</th>
          <th scope="col">records</th>
        </tr>
      </thead>
      <tbody>
        {Object.values(state.topics)
          // Internal topics (__consumer_offsets) are Kafka's bookkeeping, not the scene's data.
          .filter((t) => !t.name.startsWith('__'))
          .flatMap((t) =>
            t.partitions.slice(0, MAX_ROWS).map((p) => {
              const log = p.leader === null ? undefined : p.logs[p.leader];
              return (
                <tr key={`${t.name}-${p.partition}`}>
                  <td>
                    {t.name}/P{p.partition}
                  </td>
                  <td>{p.leader ?? 'offline'}</td>
                  <td>{p.isr.join(', ')}</td>
                  <td>{log?.logStartOffset ?? '–'}</td>
                  <td>{log?.logEndOffset ?? '–'}</td>
                  <td>{p.highWatermark}</td>
                  <td>{log ? recordsText(log) : ''}</td>
                </tr>
              );
            }),
          )}
      </tbody>
      {cut.length > 0 && (
        <caption className="handout-cut">
          {cut.map((t) => `${t.name}: first ${MAX_ROWS} of ${t.partitions.length} partitions`).join('; ')}
        </caption>
      )}
    </table>
  );
}

/** Partitions listed per topic; a page holds a dozen rows beside the picture. */
const MAX_ROWS = 12;

export function Handout() {
  const live = useStore(deckStore, (s) => s.live);
  // The deck's scenes, the sandbox's built from the link's settings (the same list for the whole session).
  const scenes = deckScenes();
  const engine = useKsqlEngine(scenes.some((s) => sceneNeedsKsql(s, live[s.id] ?? NO_LIVE)));
  // All pages at once when the engine is in: pages computed before it would be computed again after, as the
  // frames cache keeps only the last few scenes.
  if (engine !== 'ready')
    return (
      <div className="handout" data-testid="handout">
        <p>{engine === 'failed' ? KSQL_FAILED_TEXT : KSQL_LOADING_TEXT}</p>
      </div>
    );
  return (
    <div className="handout" data-testid="handout">
      {scenes.map((scene, sceneIndex) =>
        scene.steps.map((step, k) => {
          const state = stateAtStep(sceneIndex, k, live[scene.id] ?? NO_LIVE);
          const frame: Frame = { state, events: [], fromMs: state.now, toMs: state.now };
          return (
            // A step's place in its scene is its identity: steps are never reordered at run time.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <article className="handout-page" key={`${scene.id}-${k}`} data-scene={scene.id} data-step={k}>
              <h2>
                {scene.title} · step {k + 1} of {scene.steps.length}: {step.title}
              </h2>
              <div className="handout-picture">
                <Stage
                  view={scene.view}
                  frame={frame}
                  playheadMs={state.now}
                  sceneIndex={sceneIndex}
                  step={k}
                />
              </div>
              <p className="handout-narration">{step.narration}</p>
              <KeyState state={state} />
            </article>
          );
        }),
      )}
    </div>
  );
}
