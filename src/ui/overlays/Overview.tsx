/** A grid of all scenes; click one, or move with Tab and press Enter, to jump there. */
import { useEffect, useRef } from 'react';
import { scenes } from '../../scenarios/registry';

export function Overview({
  current,
  onPick,
  onClose,
}: {
  current: number;
  onPick: (sceneIndex: number) => void;
  onClose: () => void;
}) {
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
                onClick={() => onPick(i)}
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
        <button type="button" className="overlay-close" onClick={onClose}>
          Close (Esc)
        </button>
      </div>
    </div>
  );
}
