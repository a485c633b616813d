import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { RealSnapshot } from '../src/reality/protocol';
import { FRAME_MS, SnapshotHub } from './sse';

/** A client socket: `full` makes write() report a full buffer until drain() is called. */
class FakeResponse extends EventEmitter {
  writes: { at: number; text: string }[] = [];
  full = false;
  writeHead() {
    return this;
  }
  write(text: string) {
    this.writes.push({ at: Date.now(), text });
    return !this.full;
  }
  end() {}
  drain() {
    this.full = false;
    this.emit('drain');
  }
  seqs() {
    return this.writes.flatMap((w) => [...w.text.matchAll(/"seq":(\d+)/g)].map((m) => Number(m[1])));
  }
}
const snap = (seq: number) => ({ seq }) as RealSnapshot;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the snapshot stream', () => {
  it('sends at most one snapshot per frame, and the newest one, when snapshots come faster', async () => {
    const hub = new SnapshotHub();
    const res = new FakeResponse();
    hub.add(res as unknown as ServerResponse);
    for (let seq = 1; seq <= 50; seq++) hub.publish(snap(seq));
    await sleep(FRAME_MS * 3);
    expect(res.seqs()).toEqual([1, 50]);
    const times = res.writes.filter((w) => w.text.includes('seq')).map((w) => w.at);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(FRAME_MS - 1);
    hub.close();
  });

  it('never queues for a slow client: after its buffer drains it gets only the newest snapshot', async () => {
    const hub = new SnapshotHub();
    const res = new FakeResponse();
    hub.add(res as unknown as ServerResponse);
    res.full = true;
    hub.publish(snap(1));
    for (let seq = 2; seq <= 30; seq++) {
      await sleep(2);
      hub.publish(snap(seq));
    }
    expect(res.seqs()).toEqual([1]);
    res.drain();
    await sleep(FRAME_MS * 2);
    expect(res.seqs()).toEqual([1, 30]);
    hub.close();
  });

  it('gives a page that connects late the current picture at once', () => {
    const hub = new SnapshotHub();
    hub.publish(snap(4));
    const res = new FakeResponse();
    hub.add(res as unknown as ServerResponse);
    expect(res.seqs()).toEqual([4]);
    hub.close();
  });
});
