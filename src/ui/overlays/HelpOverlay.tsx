/**
 * Every key, generated from the same registry that handles the keys, grouped by purpose (moving,
 * presenting, the overview's keys, acting live) in two columns so it fits a 1280x720 window unscrolled.
 */
import { CommandButton } from '../CommandButton';
import { type DeckCommand, deckCommands, GROUPS, type Group, overlayCommands } from '../player/commands';
import { formatKeys } from '../player/key-format';
import { useRestoreFocus } from './restore-focus';

/** Two columns of about the same height: moving and the overview's keys; presenting and acting live. */
const COLUMNS: readonly (readonly Group[])[] = [
  ['moving', 'overview'],
  ['presenting', 'live'],
];

const byGroup = (group: Group): DeckCommand[] =>
  deckCommands.filter(
    (c) => c.keys.length > 0 && (c.group ?? 'presenting') === group && (c.listed?.() ?? true),
  );

export function HelpOverlay() {
  useRestoreFocus();
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-labelledby="help-title"
      data-testid="help-overlay"
    >
      <div className="overlay-panel help-panel">
        <header className="overlay-header">
          <h2 id="help-title">Keys</h2>
          <p className="overlay-hint">? or Esc closes</p>
          <CommandButton command={overlayCommands.close} className="overlay-close" />
        </header>
        <div className="help-columns">
          {COLUMNS.map((groups) => (
            <div key={groups.join()} className="help-column">
              {groups.map((group) => (
                <section key={group} className="help-group" data-group={group}>
                  <h3>{GROUPS[group]}</h3>
                  <table className="help-table">
                    <tbody>
                      {byGroup(group).map((c) => (
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
                </section>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
