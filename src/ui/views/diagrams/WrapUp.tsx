/** Slides 64-66: what the deck showed, then where to learn more. */
import { RECAP, RESOURCES } from './data';

export function WrapUp({ reveal }: { reveal: number }) {
  return (
    <div className="wrap-up">
      <section aria-label="What we saw">
        <h2>What we saw</h2>
        <ul>
          {RECAP.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </section>
      {reveal > 1 && (
        <section aria-label="Learn more" data-testid="resources">
          <h2>Learn more</h2>
          <ul>
            {RESOURCES.map((r) => (
              <li key={r.title}>
                <strong>{r.title}</strong> — {r.where}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
