/**
 * Slides 64-66: the talk's ideas as small pictures, each a link to the first step of the scene that shows
 * it, beside the way to keep going (the sandbox first, then where to learn more).
 */
import { SANDBOX_ID } from '../../../scenarios/scenes/sandbox';
import { RECAP, RESOURCES } from './data';
import { RecapPicture } from './RecapPicture';

export function WrapUp({ reveal }: { reveal: number }) {
  return (
    <div className="wrap-up">
      <nav className="recap" aria-label="What we saw">
        <h2>What we saw</h2>
        <ul className="recap-grid">
          {RECAP.map((r) => (
            <li key={r.scene}>
              <a className="recap-card" href={`#/${r.scene}/0`} data-testid="recap-link" data-scene={r.scene}>
                <RecapPicture picture={r.picture} />
                <span className="recap-caption">{r.caption}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="wrap-up-side">
        <section aria-label="Try it yourself">
          <h2>Try it yourself</h2>
          <a className="recap-card sandbox-link" href={`#/${SANDBOX_ID}/0`} data-testid="sandbox-link">
            Open the sandbox: every knob is there
          </a>
        </section>
        {reveal > 1 && (
          <section aria-label="Learn more" data-testid="resources">
            <h2>Learn more</h2>
            <ul>
              {RESOURCES.map((r) => (
                <li key={r.title}>
                  <strong>{r.title}</strong> · {r.where}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
