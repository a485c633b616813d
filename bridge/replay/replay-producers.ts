/**
 * A replay's producers: each scene producer played by a kafkajs producer whose partitioner follows the scene's
 * client (scene-partitioner.ts). kafkajs sends each record at once, so a flush has nothing to wait for.
 */
import type { Kafka, Producer } from 'kafkajs';
import type { Command } from '../../src/engine';
import type { RealReplayStep } from '../../src/reality/protocol';
import { message } from './message';
import { type ProducerSlot, scenePartitioner } from './scene-partitioner';

export type ProducerCommand = Extract<
  Command,
  { type: 'addProducer' | 'configureProducer' | 'refreshProducerMetadata' | 'flush' | 'produce' }
>;

export class ReplayProducers {
  readonly #slots = new Map<string, ProducerSlot>();
  readonly #stickyNoted = new Set<string>();

  constructor(
    private readonly kafka: Kafka,
    private readonly real: (name: string) => string,
  ) {}

  /** One producer command; returns a sentence when it was not played (or not played as written). */
  async play(c: ProducerCommand, produced: RealReplayStep['produced']): Promise<string | undefined> {
    switch (c.type) {
      case 'addProducer': {
        const slot: ProducerSlot = {
          config: c,
          producer: this.#newProducer(() => slot),
          roundRobin: c.roundRobinStart ?? 0,
        };
        await slot.producer.connect();
        this.#slots.set(c.producer, slot);
        return;
      }
      case 'configureProducer': {
        const slot = this.#slots.get(c.producer);
        if (!slot) return `no producer ${c.producer}`;
        const { type: _t, producer: _p, ...changes } = c;
        slot.config = { ...slot.config, ...changes };
        return;
      }
      case 'refreshProducerMetadata': {
        const slot = this.#slots.get(c.producer);
        if (!slot) return `no producer ${c.producer}`;
        await slot.producer.disconnect();
        slot.producer = this.#newProducer(() => slot);
        await slot.producer.connect();
        return;
      }
      case 'flush':
        return; // kafkajs sends each record at once: nothing waits in a batch
      case 'produce': {
        const slot = this.#slots.get(c.producer);
        const key = c.key ?? null;
        if (!slot) return `no producer ${c.producer}`;
        const stickyNote =
          key === null &&
          c.partition === undefined &&
          (slot.config.keyless ?? 'sticky') === 'sticky' &&
          !this.#stickyNoted.has(c.producer)
            ? `${c.producer}: the sticky partitioner's runs depend on batch timing; its keyless records go round robin`
            : undefined;
        if (stickyNote) this.#stickyNoted.add(c.producer);
        try {
          const acks = slot.config.acks === 0 ? 0 : slot.config.acks === 1 ? 1 : -1;
          const [meta] = await slot.producer.send({
            topic: this.real(c.topic),
            acks,
            messages: [
              {
                key,
                value: c.value,
                ...(c.partition !== undefined ? { partition: c.partition } : {}),
                ...(c.headers ? { headers: c.headers } : {}),
              },
            ],
          });
          produced.push({
            topic: c.topic,
            key,
            partition: meta?.partition ?? -1,
            offset: Number(meta?.baseOffset ?? -1),
          });
          return;
        } catch (e) {
          produced.push({ topic: c.topic, key, partition: -1, offset: -1 });
          return `produce ${key ?? ''}:${c.value} was not written: ${message(e)}`;
        }
      }
    }
  }

  #newProducer(slot: () => ProducerSlot): Producer {
    return this.kafka.producer({
      allowAutoTopicCreation: false,
      retry: { retries: 2 },
      createPartitioner: scenePartitioner(slot),
    });
  }

  close(): Promise<unknown> {
    return Promise.all([...this.#slots.values()].map((s) => s.producer.disconnect().catch(() => {})));
  }
}
