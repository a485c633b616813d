/** The sandbox's knobs. Applying them rebuilds the cluster from a new shareable link. */
import { type FormEvent, useState } from 'react';
import type { Assignor, SandboxConfig } from '../../scenarios/sandbox-config';
import { CommandButton } from '../CommandButton';
import { send } from '../player/actor';
import { sandboxCommands } from '../player/commands';
import { sandboxUrl } from '../store/sandbox';

const ASSIGNORS: Assignor[] = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'];

function NumberField({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (n: number) => void;
}) {
  return (
    <label>
      {label}
      <input
        type="number"
        min={min}
        max={max}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}

export function SandboxSettings({ config }: { config: SandboxConfig }) {
  const [c, setC] = useState(config);
  const first = c.producers[0] ?? {
    keyless: 'sticky' as const,
    acks: 'all' as const,
    client: 'java' as const,
  };
  const group = c.groups[0] ?? { consumers: 2, assignor: 'range' as const };
  const set = (patch: Partial<SandboxConfig>) => setC((old) => ({ ...old, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    sandboxCommands.rebuild.run(send, c);
  };
  return (
    <form
      className="sandbox-settings"
      onSubmit={submit}
      data-testid="sandbox-settings"
      aria-label="Sandbox settings"
    >
      <div className="live-row">
        <NumberField
          label="brokers"
          value={c.brokers}
          min={1}
          max={12}
          onChange={(brokers) => set({ brokers })}
        />
        <NumberField
          label="partitions"
          value={c.partitions}
          min={1}
          max={48}
          onChange={(partitions) => set({ partitions })}
        />
        <NumberField
          label="replication factor"
          value={c.replicationFactor}
          min={1}
          max={c.brokers}
          onChange={(replicationFactor) => set({ replicationFactor })}
        />
        <NumberField
          label="min.insync.replicas"
          value={c.minInsyncReplicas}
          min={1}
          max={c.replicationFactor}
          onChange={(minInsyncReplicas) => set({ minInsyncReplicas })}
        />
      </div>
      <div className="live-row">
        <NumberField
          label="producers"
          value={c.producers.length}
          min={0}
          max={6}
          onChange={(n) => set({ producers: Array.from({ length: n }, () => first) })}
        />
        <label>
          no key
          <select
            value={first.keyless}
            onChange={(e) =>
              set({
                producers: c.producers.map((p) => ({ ...p, keyless: e.target.value as typeof p.keyless })),
              })
            }
          >
            <option value="sticky">sticky</option>
            <option value="round-robin">round robin</option>
          </select>
        </label>
        <label>
          acks
          <select
            value={String(first.acks)}
            onChange={(e) =>
              set({
                producers: c.producers.map((p) => ({
                  ...p,
                  acks: e.target.value === 'all' ? 'all' : (Number(e.target.value) as 0 | 1),
                })),
              })
            }
          >
            <option value="all">all</option>
            <option value="1">1</option>
            <option value="0">0</option>
          </select>
        </label>
        <label>
          client
          <select
            value={first.client}
            onChange={(e) =>
              set({
                producers: c.producers.map((p) => ({ ...p, client: e.target.value as typeof p.client })),
              })
            }
          >
            <option value="java">Java</option>
            <option value="librdkafka">librdkafka</option>
          </select>
        </label>
      </div>
      <div className="live-row">
        <NumberField
          label="groups"
          value={c.groups.length}
          min={0}
          max={4}
          onChange={(n) => set({ groups: Array.from({ length: n }, () => group) })}
        />
        <NumberField
          label="consumers per group"
          value={group.consumers}
          min={0}
          max={24}
          onChange={(consumers) => set({ groups: c.groups.map((g) => ({ ...g, consumers })) })}
        />
        <label>
          assignor
          <select
            value={group.assignor}
            onChange={(e) =>
              set({ groups: c.groups.map((g) => ({ ...g, assignor: e.target.value as Assignor })) })
            }
          >
            {ASSIGNORS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <NumberField
          label="records per step"
          value={c.recordsPerStep}
          min={1}
          max={50}
          onChange={(recordsPerStep) => set({ recordsPerStep })}
        />
      </div>
      <div className="live-row">
        <CommandButton command={sandboxCommands.rebuild} submit />
        <label className="share">
          link to share
          <input readOnly value={sandboxUrl(c)} onFocus={(e) => e.currentTarget.select()} />
        </label>
      </div>
    </form>
  );
}
