/**
 * Reality mode under load (issue 18): frame times on the stage showing a real topic while a load generator
 * (Kafka's own kafka-producer-perf-test) writes 5,000 records/s to it, and the delay from a record's append
 * (its CreateTime timestamp, same machine's clock) to the first frame that draws it. Starts its own one-broker
 * cluster and bridge (`scripts/real.mjs`) on ports of its own and stops them after. Figures only.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import type { BenchRow } from './types';

const PORT = 4181;
const URL = `http://127.0.0.1:${PORT}/`;
const ENV = { ...process.env, KAFKA_STAGE_PORT: '19950', KAFKA_STAGE_HOME: '.kafka/bench-reality' };
const TOPIC = 'bench-load';
const RATE = 5000;
const LOAD_SECONDS = 25;
const SAMPLE_MS = 15_000;
const POLL_MS = 200;
const FRAME_BUDGET_MS = 1000 / 60;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? Number.NaN;
}

async function startReal(): Promise<ChildProcess> {
  const real = spawn(
    process.execPath,
    ['scripts/real.mjs', '--brokers', '1', '--port', String(PORT), '--poll-ms', String(POLL_MS)],
    { env: ENV, stdio: 'ignore' },
  );
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${URL}api/reality/info`)).ok) return real;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  real.kill('SIGTERM');
  throw new Error('the bridge and its cluster did not start in 5 minutes');
}

/** Frame intervals and append-to-draw delays, sampled in the page over `ms`. */
async function measure(ms: number): Promise<{ frames: number[]; delays: number[] }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${URL}#/reality/topics/${TOPIC}`);
    await page.getByTestId('real-stage').waitFor();
    await page.waitForSelector('[data-testid="record"]', { timeout: 60_000 });
    return await page.evaluate((sampleMs) => {
      return new Promise<{ frames: number[]; delays: number[] }>((resolve) => {
        const frames: number[] = [];
        const delays: number[] = [];
        const seen = new Set<string>();
        let last = performance.now();
        const end = last + sampleMs;
        const tick = (now: number) => {
          frames.push(now - last);
          last = now;
          const wall = Date.now();
          for (const r of document.querySelectorAll('[data-testid="record"][data-timestamp]')) {
            const id = `${r.getAttribute('data-partition')}/${r.getAttribute('data-offset')}`;
            if (seen.has(id)) continue;
            seen.add(id);
            delays.push(wall - Number(r.getAttribute('data-timestamp')));
          }
          if (now < end) requestAnimationFrame(tick);
          else resolve({ frames: frames.slice(2), delays });
        };
        // Records already on the stage when sampling starts are not new: their delay is not the drawing's.
        for (const r of document.querySelectorAll('[data-testid="record"]'))
          seen.add(`${r.getAttribute('data-partition')}/${r.getAttribute('data-offset')}`);
        requestAnimationFrame(tick);
      });
    }, ms);
  } finally {
    await browser.close();
  }
}

export default async function realityBench(): Promise<BenchRow[]> {
  execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  const real = await startReal();
  let load: ChildProcess | null = null;
  try {
    const info = (await (await fetch(`${URL}api/reality/info`)).json()) as { bootstrap: string };
    const bootstrap = info.bootstrap.split(',')[0]!;
    try {
      execFileSync(
        'bin/kafka-topics.sh',
        [
          '--bootstrap-server',
          bootstrap,
          '--create',
          '--if-not-exists',
          '--topic',
          TOPIC,
          '--partitions',
          '3',
          '--replication-factor',
          '1',
        ],
        { stdio: 'ignore', env: ENV },
      );
    } catch {
      // exists from a previous run
    }
    load = spawn(
      'bin/kafka-producer-perf-test.sh',
      [
        '--topic',
        TOPIC,
        '--num-records',
        String(RATE * LOAD_SECONDS),
        '--throughput',
        String(RATE),
        '--record-size',
        '40',
        '--producer-props',
        `bootstrap.servers=${bootstrap}`,
        'linger.ms=5',
      ],
      { env: ENV, stdio: 'ignore' },
    );
    // Let the JVM start and the load settle before sampling.
    await new Promise((r) => setTimeout(r, 5000));
    const { frames, delays } = await measure(SAMPLE_MS);
    return [
      {
        name: `reality mode frame time at ${RATE} records/s, median`,
        value: quantile(frames, 0.5),
        unit: 'ms',
        baseline: { name: 'frame budget', value: FRAME_BUDGET_MS, unit: 'ms' },
      },
      {
        name: `reality mode frame time at ${RATE} records/s, p95`,
        value: quantile(frames, 0.95),
        unit: 'ms',
        target: {
          op: '<=',
          value: FRAME_BUDGET_MS + 0.3,
          of: 'value',
          text: '<= 16.7 ms (+0.3 ms rAF jitter)',
        },
      },
      {
        name: `append to drawn, median (bridge polls every ${POLL_MS} ms)`,
        value: quantile(delays, 0.5),
        unit: 'ms',
      },
      { name: 'append to drawn, p95', value: quantile(delays, 0.95), unit: 'ms' },
      { name: 'records first drawn while sampling', value: delays.length, unit: 'records' },
    ];
  } finally {
    load?.kill('SIGTERM');
    real.kill('SIGTERM');
    await new Promise<void>((r) => real.once('exit', () => r()));
  }
}
