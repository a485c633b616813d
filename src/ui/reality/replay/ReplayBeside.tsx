/**
 * "Replay on the real cluster": the simulated stage for the deck's step beside the real picture after the
 * same step was played on the cluster, with every disagreement listed below and highlighted in the real
 * picture. It is not a mode of the player: the deck's own keys move the step, and this follows, so the
 * same keys step both; the real side waits for its step with "playing step k on the cluster…".
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { compareReplayStep, engineStateAtStep } from '../../../reality/replay-compare';
import { replayPlan } from '../../../reality/replay-scenes';
import { usePlace } from '../../store/hooks';
import { CurrentStage } from '../../views/CurrentStage';
import { RealStage } from '../RealStage';
import type { RealView } from '../reality-store';
import { realityStore } from '../reality-store';
import { ReplayRealPicture } from './ReplayRealPicture';
import { playStep, replayStore, startReplay, stopReplay } from './replay-store';
import './replay.css';

export function ReplayBeside() {
  const { scene, step } = usePlace();
  const { open, run, steps, playing, error } = useStore(replayStore);
  const bridge = useStore(realityStore, (s) => s.bridge);
  const plan = useMemo(() => replayPlan(scene, bridge?.origin), [scene, bridge]);
  const sameScene = run?.sceneId === scene.id;

  useEffect(() => {
    if (open && run && sameScene) void playStep(step);
  }, [open, run, sameScene, step]);

  const real = sameScene ? steps[step] : undefined;
  const comparison = useMemo(
    () => (real && run ? compareReplayStep(scene, engineStateAtStep(scene, step), real, run.suffix) : null),
    [real, run, scene, step],
  );

  // The facts compared, highlighted, whenever something differs; the reality mode's picture otherwise.
  const differs = (comparison?.disagreements.length ?? 0) > 0;
  const [factsChoice, setFacts] = useState<boolean | null>(null);
  const showFacts = factsChoice ?? differs;
  const viewTopic = 'topic' in scene.view ? (scene.view as { topic?: string }).topic : undefined;
  const shownTopic = viewTopic && run ? viewTopic + run.suffix : null;

  if (!open) return null;
  return (
    <section className="replay-beside" aria-label="Replay on the real cluster" data-testid="replay-beside">
      <header className="replay-head">
        <h2>
          Replay on the real cluster · {scene.title} · step {step + 1}/{scene.steps.length}:{' '}
          {scene.steps[step]?.title}
        </h2>
        <span className="replay-real-band">
          REAL {bridge ? bridge.bootstrap : ''}
          {run ? ` · topics and groups end in ${run.suffix}` : ''}
        </span>
        <button type="button" className="replay-close" onClick={() => void stopReplay()}>
          Close replay
        </button>
      </header>
      {!plan.replayable ? (
        <p className="replay-cannot" data-testid="replay-cannot">
          {scene.title} cannot be replayed on a cluster: {plan.why}.
        </p>
      ) : !sameScene && run ? (
        <p className="replay-cannot">
          The replay runs {run.sceneId}.{' '}
          <button type="button" onClick={() => void startReplay(scene.id, step)}>
            Replay {scene.title} instead
          </button>
        </p>
      ) : (
        <>
          <div className="replay-sides">
            <div className="replay-side">
              <h3>Simulated</h3>
              <div className="replay-sim-stage">
                <CurrentStage />
              </div>
            </div>
            <div className="replay-side">
              <h3>
                Real cluster{' '}
                {real && (
                  <button type="button" className="replay-switch" onClick={() => setFacts(!showFacts)}>
                    {showFacts ? 'Show the picture' : 'Show the facts compared'}
                  </button>
                )}
              </h3>
              {real && showFacts ? (
                <ReplayRealPicture
                  step={real}
                  suffix={run!.suffix}
                  disagreements={comparison?.disagreements ?? []}
                />
              ) : real ? (
                <div className="replay-real-stage">
                  <RealStage
                    snapshot={real.snapshot}
                    view={realView(scene.view.kind)}
                    topic={shownTopic}
                    now={real.snapshot.at}
                  />
                </div>
              ) : (
                <p className="replay-playing" data-testid="replay-playing" aria-live="polite">
                  {error
                    ? `The cluster could not play this step: ${error}`
                    : run
                      ? `playing step ${(playing ?? step) + 1} on the cluster…`
                      : 'starting the replay on the cluster…'}
                </p>
              )}
            </div>
          </div>
          <ReplayFindings comparison={comparison} skipped={real?.skipped ?? []} partial={plan.partial} />
        </>
      )}
    </section>
  );
}

function ReplayFindings({
  comparison,
  skipped,
  partial,
}: {
  comparison: ReturnType<typeof compareReplayStep> | null;
  skipped: readonly string[];
  partial: readonly string[];
}) {
  return (
    <div className="replay-findings" data-testid="replay-findings">
      {comparison &&
        (comparison.disagreements.length === 0 ? (
          <p className="replay-agree">
            ✓ The cluster agrees with the simulation on all {comparison.compared} facts compared at this step.
          </p>
        ) : (
          <>
            <p className="replay-disagree-title">
              {comparison.disagreements.length} disagreement{comparison.disagreements.length === 1 ? '' : 's'}{' '}
              of {comparison.compared} facts:
            </p>
            <ul className="replay-disagreements" data-testid="replay-disagreements">
              {comparison.disagreements.map((d) => (
                <li key={d.fact}>
                  {d.fact}: simulated <strong>{d.simulated}</strong>, real <strong>{d.real}</strong>
                </li>
              ))}
            </ul>
          </>
        ))}
      {comparison && comparison.deliberate.length > 0 && (
        <ul className="replay-deliberate">
          {comparison.deliberate.map((d) => (
            <li key={d.fact} title={d.why}>
              expected: {d.fact}: simulated {d.simulated}, real {d.real} ({d.why})
            </li>
          ))}
        </ul>
      )}
      {(skipped.length > 0 || partial.length > 0) && (
        <ul className="replay-skipped">
          {[...new Set([...skipped, ...partial])].map((s) => (
            <li key={s}>not replayed: {s}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The reality mode's view that draws what the scene's simulated view draws. */
function realView(kind: string): RealView {
  if (kind === 'consumers' || kind === 'coordinator') return 'consumers';
  if (kind === 'brokers') return 'brokers';
  return 'topics';
}
