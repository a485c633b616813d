/** The Live panel's controls: live actions on the simulated cluster, each a LIVE event to the player. */
import type { EngineState } from '../../engine';
import type { Command } from './commands';
import { type LiveEvent, liveActions } from './live-actions';
import { brokerCaption, consumerCaption } from './live-captions';

/** A live control: its builder (live-actions.ts) makes the commands and timing; running it sends that LIVE event. */
function liveCommand<Arg, Shown = Arg>(
  id: string,
  label: string,
  caption: Command<Arg & Shown>['caption'],
  build: (arg: Arg) => LiveEvent,
): Command<Arg & Shown> {
  return { id, label, keys: [], caption, run: (send, arg) => send(build(arg)) };
}

/** What a caption reads to say what the control will do. */
type Seen = { readonly state: EngineState };

export const liveCommands = {
  produce: liveCommand(
    'live-produce',
    'Produce a record now (an empty key is no key)',
    'Produce',
    liveActions.produce,
  ),
  setAcks: liveCommand('live-acks', "Change a producer's acks", undefined, liveActions.setAcks),
  toggleBroker: liveCommand<Parameters<typeof liveActions.toggleBroker>[0], Seen>(
    'live-broker',
    'Crash a broker (kill -9: fenced 9 s later, when its session expires), or restart a dead one',
    (a) => brokerCaption(a.state, a.broker),
    liveActions.toggleBroker,
  ),
  addConsumer: liveCommand(
    'live-add-consumer',
    'Add a consumer to the group',
    'Add consumer',
    liveActions.addConsumer,
  ),
  addGroup: liveCommand('live-add-group', 'Start a new consumer group', 'Add group', liveActions.addGroup),
  killConsumer: liveCommand<Parameters<typeof liveActions.killConsumer>[0], Seen>(
    'live-kill-consumer',
    'Kill a consumer and let its session run out',
    (a) => consumerCaption(a.state, a.consumer),
    liveActions.killConsumer,
  ),
  runQuery: liveCommand(
    'live-run-query',
    'Run the edited query (Ctrl+Enter in the editor)',
    'Run ▶',
    liveActions.runQuery,
  ),
};
