/**
 * The deck as a grid: every scene at once, each a miniature of its picture (at the scene's last step, or at
 * the current step for the current scene), with its title and slides. The arrow keys move the selection
 * (registry entries that apply while the overview is open), Enter or a click jumps there. The grid's shape
 * comes from overview-layout.ts, so it holds any number of scenes in the window.
 */
import { useEffect, useRef, useState } from 'react';
import { CommandButton } from '../CommandButton';
import { send } from '../player/actor';
import { overlayCommands } from '../player/commands';
import { deckScenes } from '../store/deck-scenes';
import { usePlace, usePlayerState, useStepFrame } from '../store/hooks';
import { Miniature } from './Miniature';
import { windowOverviewGrid } from './overview-layout';
import { useRestoreFocus } from './restore-focus';

function useWindowGrid(count: number) {
  const [grid, setGrid] = useState(() => windowOverviewGrid(count));
  useEffect(() => {
    const onResize = () => setGrid(windowOverviewGrid(count));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [count]);
  return grid;
}

const slidesText = (slides: readonly number[], steps: number) =>
  `${slides.length === 0 ? 'no slide' : `${slides.length > 1 ? 'slides' : 'slide'} ${slides.join(', ')}`} · ${steps} steps`;

export function Overview() {
  useRestoreFocus();
  const { sceneIndex: current, step } = usePlace();
  const { frame } = useStepFrame();
  const { overviewSelection } = usePlayerState();
  const scenes = deckScenes();
  const grid = useWindowGrid(scenes.length);
  // The focus follows the selection, so a screen reader says where the arrows went and Enter picks it.
  const selectedRef = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the selection moving is the trigger
  useEffect(() => selectedRef.current?.focus(), [overviewSelection]);
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby="overview-title"
      data-testid="overview"
    >
      <div className="overlay-panel overview-panel">
        <header className="overlay-header">
          <h2 id="overview-title">All scenes</h2>
          <p className="overlay-hint">Arrows select · Enter goes there · Esc closes</p>
          <CommandButton command={overlayCommands.close} className="overlay-close" />
        </header>
        <ol
          className="overview-grid"
          style={{
            gridTemplateColumns: `repeat(${grid.columns}, minmax(0, 1fr))`,
            gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))`,
          }}
        >
          {scenes.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className={`scene-card${i === current ? ' current' : ''}${i === overviewSelection ? ' selected' : ''}`}
                aria-current={i === current ? 'true' : undefined}
                ref={i === overviewSelection ? selectedRef : undefined}
                data-scene-id={s.id}
                data-selected={i === overviewSelection ? 'true' : undefined}
                onClick={() => overlayCommands.goToScene.run(send, i)}
                tabIndex={i === overviewSelection ? 0 : -1}
              >
                <Miniature
                  sceneIndex={i}
                  step={i === current ? step : s.steps.length - 1}
                  frame={i === current ? frame : null}
                />
                <span className="scene-caption">
                  <span className="scene-name">
                    <span className="scene-number">{i + 1}</span> {s.title}
                  </span>
                  <span className="scene-slides">{slidesText(s.slides, s.steps.length)}</span>
                </span>
              </button>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
