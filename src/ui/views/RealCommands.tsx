/**
 * "Run it for real": the same scene on a real cluster, for a learner to redo it. A disclosure whose
 * open state is the player machine's (its overlay region), so R, its summary and Esc agree with the other
 * overlays: opening it closes the help or the overview, and Esc closes it.
 */
import type { SyntheticEvent } from 'react';
import type { Scene } from '../../scenarios/types';
import { useRestoreFocus } from '../overlays/restore-focus';
import { send } from '../player/actor';
import { deckCommand } from '../player/commands';
import { formatKeys } from '../player/key-format';

const toggle = deckCommand('real-commands');

function Body({ scene }: { scene: Scene }) {
  useRestoreFocus();
  return (
    <div className="real-commands-body" data-testid="real-commands" data-typing>
      <p>The same scene on a real Kafka cluster:</p>
      <pre>
        <code>{scene.realCommands.join('\n\n')}</code>
      </pre>
    </div>
  );
}

export function RealCommands({ scene, open }: { scene: Scene; open: boolean }) {
  // A click on the summary toggles the element first: the machine follows, so Esc and the other overlays
  // know. When the machine closed it (Esc), the element already agrees and nothing is sent.
  const onToggle = (e: SyntheticEvent<HTMLDetailsElement>) => {
    if (e.currentTarget.open !== open) toggle.run(send);
  };
  return (
    <details className="real-commands" open={open} onToggle={onToggle}>
      <summary title={`${toggle.label} (${formatKeys(toggle.keys).join(', ')})`}>
        {toggle.caption as string}
      </summary>
      {open && <Body scene={scene} />}
    </details>
  );
}
