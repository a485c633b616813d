/**
 * A button drawn from a registry entry: its caption, its title (the entry's label and keys) and what it
 * does all come from the entry, so a button cannot say or do something other than its key.
 */
import { useStore } from 'zustand';
import { send } from './player/actor';
import type { Command, KeyContext, PlayerView } from './player/commands';
import { formatKeys } from './player/key-format';
import { isPresenterWindow } from './player/keys';
import { deckStore } from './store/deck-store';
import { usePlayerState } from './store/hooks';

interface Props<Arg> {
  command: Command<Arg>;
  /** What the command acts on (a broker, a consumer); nothing for deck commands. */
  arg?: Arg;
  /** A form's submit button: the form's onSubmit runs the command, with what the form gathered. */
  submit?: boolean;
  /** Gathers the argument at the click (the text in an editor, checked first); null runs nothing. */
  gather?: () => Arg | null;
  testId?: string;
  className?: string;
}

function click<Arg>(command: Command<Arg>, arg: Arg | null): void {
  if (arg !== null) command.run(send, arg);
}

export function CommandButton<Arg = void>({
  command,
  arg,
  submit = false,
  gather,
  testId,
  className,
}: Props<Arg>) {
  const { playing, livePanelOpen, overlay } = usePlayerState();
  const speed = useStore(deckStore, (s) => s.speed);
  const context: KeyContext = { overlay, presenter: isPresenterWindow() };
  // Re-renders when the answer changes (a scene's live actions cleared, say), not on every store change.
  const applies = useStore(deckStore, () => command.when?.(arg as Arg, context) ?? true);
  if (!applies) return null;
  const view: PlayerView = { playing, speed, livePanelOpen, realOpen: overlay === 'real' };
  const caption =
    typeof command.caption === 'function'
      ? command.caption(arg as Arg, view)
      : (command.caption ?? command.label);
  const keys = formatKeys(command.keys);
  const title = keys.length > 0 ? `${command.label} (${keys.join(', ')})` : command.label;
  const on = command.toggle?.on(view);
  return (
    <button
      type={submit ? 'submit' : 'button'}
      className={className}
      title={title}
      data-command={command.id}
      aria-pressed={command.toggle?.aria === 'pressed' ? on : undefined}
      aria-expanded={command.toggle?.aria === 'expanded' ? on : undefined}
      data-testid={testId}
      onClick={submit ? undefined : () => click(command, gather ? gather() : (arg as Arg))}
    >
      {caption}
    </button>
  );
}
