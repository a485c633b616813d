/** Reality mode's buttons: its views, and live actions on a real cluster, which the bridge takes. */
import type { RealAction } from '../../reality/protocol';
import { cancelPending, confirmPending, takeRealAction } from '../reality/real-actions';
import { switchView } from '../reality/reality-mode';
import type { RealView } from '../reality/reality-store';
import type { Command } from './commands';

/** A live action on the real cluster: the bridge takes it (src/ui/reality/real-actions.ts). */
function realCommand<Arg>(
  id: string,
  label: string,
  caption: string,
  build: (arg: Arg) => RealAction,
): Command<Arg> {
  return { id, label, keys: [], caption, run: (_send, arg) => void takeRealAction(build(arg)) };
}

/** Reality mode's controls: its views, and live actions that a real cluster carries out. */
export const realityCommands = {
  view: {
    id: 'real-view',
    label: 'Show this picture of the real cluster',
    keys: [],
    run: (_send, view) => switchView(view),
  } satisfies Command<RealView>,
  produce: realCommand(
    'real-produce',
    'Produce a record on the real cluster (an empty key is no key): where Kafka put it, beside the prediction',
    'Produce',
    (a: { topic: string; key: string; value: string }) => ({
      kind: 'produce',
      topic: a.topic,
      key: a.key.trim() === '' ? null : a.key,
      value: a.value === '' ? 'live' : a.value,
    }),
  ),
  startConsumer: realCommand(
    'real-start-consumer',
    'Start a consumer in a group, run by the bridge',
    'Start consumer',
    (a: { group: string; topic: string }) => ({ kind: 'startConsumer', group: a.group, topic: a.topic }),
  ),
  stopConsumer: realCommand(
    'real-stop-consumer',
    'Stop a consumer the bridge runs (it leaves its group)',
    'Stop',
    (handle: string) => ({ kind: 'stopConsumer', handle }),
  ),
  createTopic: realCommand(
    'real-create-topic',
    'Create a topic on the real cluster',
    'Create topic',
    (a: { topic: string; partitions: number; replicationFactor: number }) => ({ kind: 'createTopic', ...a }),
  ),
  addPartitions: realCommand(
    'real-add-partitions',
    'Add partitions to the topic (Kafka never removes any; keys may move to other partitions)',
    'Add partitions',
    (a: { topic: string; totalPartitions: number }) => ({ kind: 'addPartitions', ...a }),
  ),
  killBroker: realCommand(
    'real-kill-broker',
    'kill -9 this broker of the local cluster (Kafka fences it when its session expires)',
    'kill -9',
    (brokerId: number) => ({ kind: 'killBroker', brokerId }),
  ),
  restartBroker: realCommand(
    'real-restart-broker',
    'Restart this broker of the local cluster',
    'Restart',
    (brokerId: number) => ({ kind: 'restartBroker', brokerId }),
  ),
  confirm: {
    id: 'real-confirm',
    label: 'Yes: act on this cluster, which Kafka Stage did not start',
    keys: [],
    caption: 'Yes, do it',
    run: () => confirmPending(),
  } satisfies Command,
  cancel: {
    id: 'real-cancel',
    label: 'No: leave the cluster as it is',
    keys: [],
    caption: 'Cancel',
    run: () => cancelPending(),
  } satisfies Command,
};
