/** Every key, generated from the same registry that handles the keys. */
import { CommandButton } from '../CommandButton';
import { deckCommands, overlayCommands } from '../player/commands';
import { formatKeys } from '../player/key-format';

export function HelpOverlay() {
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
            {deckCommands
              .filter((c) => c.keys.length > 0)
              .map((c) => (
                <tr key={c.id} data-command={c.id}>
                  <th scope="row">
                    {formatKeys(c.keys).map((k) => (
                      <kbd key={k}>{k}</kbd>
                    ))}
                  </th>
                  <td>{c.label}</td>
                </tr>
              ))}
          </tbody>
        </table>
        <CommandButton command={overlayCommands.close} className="overlay-close" />
      </div>
    </div>
  );
}
