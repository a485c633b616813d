/** Every key, generated from the same registry that handles the keys. */
import { deckCommands } from '../player/commands';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby="help-title"
      data-testid="help-overlay"
    >
      <div className="overlay-panel">
        <h2 id="help-title">Keys</h2>
        <table className="help-table">
          <tbody>
            {deckCommands.map((c) => (
              <tr key={c.id} data-command={c.id}>
                <th scope="row">
                  <kbd>{c.keyHelp}</kbd>
                </th>
                <td>{c.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="overlay-close" onClick={onClose}>
          Close (?)
        </button>
      </div>
    </div>
  );
}
