import { describe, expect, it, vi } from 'vitest';
import { probeBridge } from './bridge-link';

const info = { bootstrap: '127.0.0.1:19092', origin: 'local', allowAdmin: true, pollMs: 500, client: 'x' };
const answering = () =>
  vi.fn(async () => new Response(JSON.stringify(info), { headers: { 'content-type': 'application/json' } }));

describe('probing for a bridge', () => {
  it('asks nothing when the page does not carry the bridge marker (the static build)', async () => {
    const fetchInfo = answering();
    expect(await probeBridge({ protocol: 'http:' }, fetchInfo, false)).toBeNull();
    expect(fetchInfo).not.toHaveBeenCalled();
  });

  it('asks once and takes the info when the bridge served the page', async () => {
    const fetchInfo = answering();
    expect(await probeBridge({ protocol: 'http:' }, fetchInfo, true)).toEqual(info);
    expect(fetchInfo).toHaveBeenCalledTimes(1);
  });

  it('asks nothing from file://, marker or not', async () => {
    const fetchInfo = answering();
    expect(await probeBridge({ protocol: 'file:' }, fetchInfo, true)).toBeNull();
    expect(fetchInfo).not.toHaveBeenCalled();
  });
});
