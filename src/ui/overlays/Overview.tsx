/** A grid of all scenes; click one, or move with Tab and press Enter, to jump there. */
import { useEffect, useRef } from 'react';
import { scenes } from '../../scenarios/registry';
import { CommandButton } from '../CommandButton';
import { send } from '../player/actor';
import { overlayCommands } from '../player/commands';

export function Overview({ current }: { current: number }) {
  const currentRef = useRef<HTMLButtonElement>(null);
  useEffect(() => currentRef.current?.focus(), []);
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby="overview-title"
      data-testid="overview"
    >
      <div className="overlay-panel overview-panel">
        <h2 id="overview-title">All scenes</h2>
        <ol className="overview-grid">
          {scenes.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                ref={i === current ? currentRef : undefined}
                className={i === current ? 'scene-card current' : 'scene-card'}
                aria-current={i === current ? 'true' : undefined}
                data-scene-id={s.id}
                onClick={() => overlayCommands.goToScene.run(send, i)}
              >
                <span className="scene-number">{i + 1}</span>
                <span className="scene-name">{s.title}</span>
                <span className="scene-slides">
                  slides {s.slides.join(', ')} · {s.steps.length} steps
                </span>
              </button>
            </li>
          ))}
        </ol>
        <CommandButton command={overlayCommands.close} className="overlay-close" />
      </div>
    </div>
  );
}
