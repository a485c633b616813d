/**
 * Live controls: the presenter acts on the running cluster without leaving the scene. Every control is a
 * registry entry (player/commands.ts) whose commands and timing are built in player/live-actions.ts; it
 * sends one LIVE event, which the player records in the store (so it survives a reload, syncs to the other
 * window, and replays) and animates. The engine decides what happens; a refused action shows its message.
 */
import { type FormEvent, useState } from 'react';
import type { EngineState } from '../../engine';
import type { Scene } from '../../scenarios/types';
import { CommandButton } from '../CommandButton';
import { useRestoreFocus } from '../overlays/restore-focus';
import { send } from '../player/actor';
import { deckCommand } from '../player/commands';
import { liveCommands } from '../player/live-commands';
import { currentSandbox } from '../store/sandbox';
import { LiveConsumers } from './consumers/LiveConsumers';
import { SandboxSettings } from './SandboxSettings';

interface Props {
  scene: Scene;
  state: EngineState;
}

export function LivePanel({ scene, state }: Props) {
  useRestoreFocus();
  const producers = Object.keys(state.producers);
  const view = scene.view;
  const topic =
    'topic' in view ? view.topic : 'source' in view ? view.source : (Object.keys(state.topics)[0] ?? '');
  const [producer, setProducer] = useState(producers[0] ?? '');
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const produce = (e: FormEvent) => {
    e.preventDefault();
    const p = producers.includes(producer) ? producer : producers[0];
    if (p) liveCommands.produce.run(send, { producer: p, topic, key, value });
  };
  const brokers = Object.values(state.brokers);
  const sandboxConfig = scene.id === 'sandbox' ? currentSandbox() : null;
  return (
    <section className="live-panel" aria-label="Live controls" data-testid="live-panel">
      <h2 className="live-title">Live</h2>
      {sandboxConfig && <SandboxSettings config={sandboxConfig} />}
      <form className="live-row" onSubmit={produce} data-testid="live-produce">
        <label>
          key
          <input
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder="none"
            maxLength={40}
            name="key"
          />
        </label>
        <label>
          value
          <input
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder="live"
            maxLength={40}
            name="value"
          />
        </label>
        {producers.length > 1 && (
          <label>
            from
            <select value={producer} onChange={(e) => setProducer(e.target.value)} name="producer">
              {producers.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
        )}
        <CommandButton command={liveCommands.produce} submit />
      </form>
      {view.kind === 'consumers' && <LiveConsumers view={view} state={state} />}
      {/* The coordinator scene: add a member (a new JoinGroup round) or kill one (its session ring runs out). */}
      {view.kind === 'coordinator' && (
        <LiveConsumers view={{ topic: view.topic, groups: [view.group] }} state={state} newGroups={false} />
      )}
      {producers.length > 0 && (
        <div className="live-row">
          {producers.map((id) => (
            <label key={id} title={liveCommands.setAcks.label}>
              {id} acks
              <select
                name={`acks-${id}`}
                value={String(state.producers[id]!.config.acks)}
                onChange={(e) => {
                  const acks = e.target.value === 'all' ? 'all' : (Number(e.target.value) as 0 | 1);
                  liveCommands.setAcks.run(send, { producer: id, acks });
                }}
              >
                <option value="all">all</option>
                <option value="1">1</option>
                <option value="0">0</option>
              </select>
            </label>
          ))}
        </div>
      )}
      {brokers.length > 1 && (
        <div className="live-row">
          {brokers.map((b) => (
            <CommandButton
              key={b.id}
              command={liveCommands.toggleBroker}
              arg={{ broker: b.id, alive: b.alive, state }}
            />
          ))}
        </div>
      )}
      <div className="live-row">
        <CommandButton command={deckCommand('clear-live')} />
      </div>
    </section>
  );
}
