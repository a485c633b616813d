/**
 * Live controls: the presenter acts on the running cluster without leaving the scene. Every action is a
 * list of engine commands recorded in the store, so it survives a reload, syncs to the other window, and
 * replays. The engine decides what happens; a refused action shows the engine's message.
 */
import { type FormEvent, useState } from 'react';
import type { Command, EngineState } from '../../engine';
import { ROUND_TRIP_MS } from '../../scenarios/helpers';
import type { Scene } from '../../scenarios/types';
import { recordLive } from '../store/deck-store';
import { currentSandbox } from '../store/sandbox';
import { LiveConsumers } from './consumers/LiveConsumers';
import { SandboxSettings } from './SandboxSettings';

interface Props {
  scene: Scene;
  state: EngineState;
  onAct: () => void;
}

export function LivePanel({ scene, state, onAct }: Props) {
  const producers = Object.keys(state.producers);
  const view = scene.view;
  const topic =
    'topic' in view ? view.topic : 'source' in view ? view.source : (Object.keys(state.topics)[0] ?? '');
  const [producer, setProducer] = useState(producers[0] ?? '');
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const act = (label: string, commands: Command[]) => {
    if (recordLive(label, commands)) onAct();
  };
  const produce = (e: FormEvent) => {
    e.preventDefault();
    const p = producers.includes(producer) ? producer : producers[0];
    if (!p) return;
    const k = key.trim() === '' ? null : key;
    const v = value === '' ? 'live' : value;
    act(`produce ${k === null ? '(no key)' : k}: ${v}`, [
      { type: 'produce', producer: p, topic, key: k, value: v },
      { type: 'advance', ms: ROUND_TRIP_MS },
    ]);
  };
  const brokers = Object.values(state.brokers);
  const sandboxConfig = scene.id === 'sandbox' ? currentSandbox() : null;
  return (
    <section className="live-panel" aria-label="Live controls" data-typing>
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
        <button type="submit">Produce</button>
      </form>
      {view.kind === 'consumers' && <LiveConsumers view={view} state={state} act={act} />}
      {producers.length > 0 && (
        <div className="live-row">
          {producers.map((id) => (
            <label key={id}>
              {id} acks
              <select
                name={`acks-${id}`}
                value={String(state.producers[id]!.config.acks)}
                onChange={(e) => {
                  const acks = e.target.value === 'all' ? 'all' : (Number(e.target.value) as 0 | 1);
                  // The idempotent producer needs acks=all (ProducerConfig): turning acks down turns it off.
                  act(`${id}: acks=${acks}`, [
                    { type: 'configureProducer', producer: id, acks, idempotent: acks === 'all' },
                  ]);
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
            <button
              type="button"
              key={b.id}
              onClick={() =>
                act(b.alive ? `kill broker ${b.id}` : `restart broker ${b.id}`, [
                  b.alive ? { type: 'killBroker', broker: b.id } : { type: 'restartBroker', broker: b.id },
                  { type: 'advance', ms: ROUND_TRIP_MS },
                ])
              }
            >
              {b.alive ? `Kill broker ${b.id}` : `Restart broker ${b.id}`}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
