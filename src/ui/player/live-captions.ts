/**
 * What a live control will do, said on its button before it is pressed ("Kill broker 1: the leader of P0"):
 * read from engine state, so the presenter knows which broker to kill to show a failover. Pure selectors
 * over EngineState for the registry's captions (commands.ts); views only draw the caption.
 */
import type { EngineState } from '../../engine';

/** More partitions than this are counted rather than named. */
const NAMED_MAX = 3;

const userPartitions = (state: EngineState) =>
  Object.values(state.topics)
    .filter((t) => !t.name.startsWith('__'))
    .flatMap((t) => t.partitions);

function names(parts: readonly { topic: string; partition: number }[], oneTopic: boolean): string {
  if (parts.length > NAMED_MAX) return `${parts.length} partitions`;
  return parts.map((p) => (oneTopic ? `P${p.partition}` : `${p.topic} P${p.partition}`)).join(', ');
}

const singleTopic = (state: EngineState) =>
  Object.keys(state.topics).filter((t) => !t.startsWith('__')).length <= 1;

/** "the leader of P0", "a follower of P0, P1", "no replicas": what a broker holds now. */
export function brokerRole(state: EngineState, broker: number): string {
  const parts = userPartitions(state);
  const one = singleTopic(state);
  const led = parts.filter((p) => p.leader === broker);
  if (led.length > 0) return `the leader of ${names(led, one)}`;
  const followed = parts.filter((p) => p.replicas.includes(broker));
  if (followed.length > 0) return `a follower of ${names(followed, one)}`;
  return 'no replicas';
}

/** What killing or restarting a broker will do. */
export function brokerCaption(state: EngineState, broker: number): string {
  const b = state.brokers[broker];
  if (!b) return `Broker ${broker} does not exist`;
  if (!b.alive) return `Restart broker ${broker}: it rejoins and catches up`;
  return `Kill broker ${broker}: ${brokerRole(state, broker)}`;
}

/** What killing a consumer will do: its partitions go to the rest of its group once its session ends. */
export function consumerCaption(state: EngineState, consumer: string): string {
  const c = state.groups.consumers[consumer];
  if (!c) return `Consumer ${consumer} does not exist`;
  if (c.owned.length === 0) return `Kill ${consumer} (it reads nothing now)`;
  return `Kill ${consumer}: its ${names(c.owned, singleTopic(state))} ${c.owned.length === 1 ? 'moves' : 'move'} to the others`;
}
