/**
 * Reality mode's live controls, where the deck has its narration: the topic shown, produce a record,
 * start or stop a consumer the bridge runs, create a topic, add partitions, and on the local cluster only,
 * kill -9 or restart a broker. Every button is a registry entry (realityCommands); the bridge answers and
 * the line below says what happened, or why not. A cluster the project did not start asks first.
 */
import { type FormEvent, useState } from 'react';
import { useStore } from 'zustand';
import type { RealSnapshot } from '../../reality/protocol';
import { CommandButton } from '../CommandButton';
import { send } from '../player/actor';
import { realityCommands } from '../player/reality-commands';
import { brokerName } from '../views/brokers/brokers-layout';
import { brokerControlsOffered, resultText } from './real-actions';
import { chooseTopic, realityStore } from './reality-store';

function Message() {
  const last = useStore(realityStore, (s) => s.actions.at(-1));
  if (!last) return null;
  const text = last.result ? resultText(last.result) : 'Sent to the bridge…';
  const cls = last.result === null ? '' : last.result.ok ? ' done' : ' refused';
  return (
    <output
      className={`real-message${cls}`}
      data-testid="real-message"
      data-ok={String(last.result?.ok ?? '')}
    >
      {text}
    </output>
  );
}

function Confirm() {
  const confirming = useStore(realityStore, (s) => s.confirming);
  if (!confirming) return null;
  return (
    <div
      className="real-confirm"
      role="dialog"
      aria-modal="false"
      aria-label="Confirm"
      data-testid="real-confirm"
    >
      <p>This cluster was not started by Kafka Stage. {confirming.kind} on it for real?</p>
      <CommandButton command={realityCommands.confirm} />
      <CommandButton command={realityCommands.cancel} />
    </div>
  );
}

const submit = (run: () => void) => (e: FormEvent) => {
  e.preventDefault();
  run();
};

function Produce({ topic }: { topic: string }) {
  const [key, setKey] = useState('alice');
  const [value, setValue] = useState('');
  return (
    <form
      data-testid="real-produce"
      onSubmit={submit(() => realityCommands.produce.run(send, { topic, key, value }))}
    >
      <label>
        key <input name="key" value={key} onChange={(e) => setKey(e.target.value)} placeholder="none" />
      </label>
      <label>
        value{' '}
        <input name="value" value={value} onChange={(e) => setValue(e.target.value)} placeholder="live" />
      </label>
      <CommandButton command={realityCommands.produce} submit />
    </form>
  );
}

function Consumers({ topic, snapshot }: { topic: string; snapshot: RealSnapshot }) {
  const [group, setGroup] = useState('stage-group');
  return (
    <fieldset>
      <legend>consumers</legend>
      <form
        data-testid="real-start-consumer"
        onSubmit={submit(() => realityCommands.startConsumer.run(send, { group, topic }))}
      >
        <label>
          group <input name="group" value={group} onChange={(e) => setGroup(e.target.value)} />
        </label>
        <CommandButton command={realityCommands.startConsumer} submit />
      </form>
      {snapshot.consumers.map((c) => (
        <span key={c.handle} data-testid="real-bridge-consumer" data-handle={c.handle}>
          {c.group}
          <CommandButton command={realityCommands.stopConsumer} arg={c.handle} />
        </span>
      ))}
    </fieldset>
  );
}

function Topics({ topic, partitions }: { topic: string; partitions: number }) {
  const [name, setName] = useState('');
  const [count, setCount] = useState(3);
  const [rf, setRf] = useState(3);
  const [total, setTotal] = useState(partitions + 1);
  return (
    <fieldset>
      <legend>topics</legend>
      <form
        data-testid="real-create-topic"
        onSubmit={submit(() =>
          realityCommands.createTopic.run(send, { topic: name, partitions: count, replicationFactor: rf }),
        )}
      >
        <input
          name="topic"
          aria-label="new topic's name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="name"
        />
        <input
          name="partitions"
          aria-label="partitions"
          type="number"
          min={1}
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
        />
        <input
          name="replication"
          aria-label="replication factor"
          type="number"
          min={1}
          value={rf}
          onChange={(e) => setRf(Number(e.target.value))}
        />
        <CommandButton command={realityCommands.createTopic} submit />
      </form>
      <form
        data-testid="real-add-partitions"
        onSubmit={submit(() => realityCommands.addPartitions.run(send, { topic, totalPartitions: total }))}
      >
        <input
          name="total"
          aria-label={`total partitions of ${topic}`}
          type="number"
          min={partitions + 1}
          value={total}
          onChange={(e) => setTotal(Number(e.target.value))}
        />
        <CommandButton command={realityCommands.addPartitions} submit />
      </form>
    </fieldset>
  );
}

function Brokers({ snapshot }: { snapshot: RealSnapshot }) {
  if (!brokerControlsOffered(snapshot.origin)) return null;
  return (
    <fieldset>
      <legend>brokers</legend>
      {[...snapshot.brokers]
        .sort((a, b) => a.id - b.id)
        .map((b) => (
          <span key={b.id} data-testid={`real-broker-control-${b.id}`}>
            {brokerName(b.id).replace('Broker ', '')}{' '}
            {b.state === 'up' ? (
              <CommandButton command={realityCommands.killBroker} arg={b.id} testId={`real-kill-${b.id}`} />
            ) : (
              <CommandButton
                command={realityCommands.restartBroker}
                arg={b.id}
                testId={`real-restart-${b.id}`}
              />
            )}
          </span>
        ))}
    </fieldset>
  );
}

export function RealControls({ topic }: { topic: string | null }) {
  const snapshot = useStore(realityStore, (s) => s.snapshot);
  const topics = snapshot?.topics.filter((t) => !t.internal) ?? [];
  const current = topics.find((t) => t.name === topic);
  return (
    <section
      className="real-controls"
      aria-label="Live actions on the real cluster"
      data-testid="real-controls"
    >
      {topics.length > 0 && (
        <label>
          topic{' '}
          <select
            value={current?.name ?? ''}
            onChange={(e) => chooseTopic(e.target.value)}
            data-testid="real-topic"
          >
            {topics.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {current && <Produce topic={current.name} />}
      {current && snapshot && <Consumers topic={current.name} snapshot={snapshot} />}
      <Topics topic={current?.name ?? ''} partitions={current?.partitions.length ?? 0} />
      {snapshot && <Brokers snapshot={snapshot} />}
      <Message />
      <Confirm />
    </section>
  );
}
