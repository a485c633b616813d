import { execFileSync } from 'node:child_process';
import { expect, type Page, test } from '@playwright/test';
import { legibilityProblems } from './legibility';

// Reality mode against the real cluster `npm run real` started (playwright.reality.config.ts): what real
// Kafka's own tools report must be what the stage draws.

test.describe.configure({ mode: 'serial' });

let bootstrap = '';
const run = (tool: string, args: string[], input?: string, timeout = 60_000) =>
  execFileSync(`bin/${tool}`, args, { encoding: 'utf8', input, timeout, stdio: ['pipe', 'pipe', 'pipe'] });

function createTopic(topic: string, partitions = 3): void {
  run('kafka-topics.sh', [
    '--bootstrap-server',
    bootstrap,
    '--create',
    '--topic',
    topic,
    '--partitions',
    String(partitions),
    '--replication-factor',
    '3',
    '--config',
    'min.insync.replicas=2',
  ]);
}

async function openReal(page: Page, view: string, topic: string): Promise<void> {
  await page.goto(`#/reality/${view}/${encodeURIComponent(topic)}`);
  await expect(page.getByTestId('real-stage')).toHaveAttribute('data-topic', topic, { timeout: 15_000 });
  await expect(page.getByTestId('real-status')).toHaveAttribute('data-status', 'live');
}

const stamp = Date.now().toString(36);

test.beforeAll(async ({ request }) => {
  const info = await (await request.get('/api/reality/info')).json();
  bootstrap = String(info.bootstrap).split(',')[0]!;
});

test('a record from the console producer appears on the partition and offset the console consumer reports, within 2 s', async ({
  page,
}) => {
  const topic = `console-${stamp}`;
  createTopic(topic);
  await openReal(page, 'topics', topic);
  await expect(page.getByTestId('real-band')).toContainText('REAL');
  run(
    'kafka-console-producer.sh',
    [
      '--bootstrap-server',
      bootstrap,
      '--topic',
      topic,
      '--property',
      'parse.key=true',
      '--property',
      'key.separator=:',
    ],
    'carol:from-the-console\n',
  );
  const consumed = run('kafka-console-consumer.sh', [
    '--bootstrap-server',
    bootstrap,
    '--topic',
    topic,
    '--from-beginning',
    '--max-messages',
    '1',
    '--timeout-ms',
    '30000',
    '--property',
    'print.partition=true',
    '--property',
    'print.offset=true',
  ]);
  const m = /Partition:(\d+)\s+Offset:(\d+)/.exec(consumed);
  expect(m, consumed).not.toBeNull();
  const [, partition, offset] = m!;
  const record = page.locator(`[data-testid="record"][data-value="from-the-console"]`);
  // The record is readable (the console consumer read it): the stage has it within 2 s.
  await expect(record).toBeVisible({ timeout: 2000 });
  await expect(record).toHaveAttribute('data-partition', partition!);
  await expect(record).toHaveAttribute('data-offset', offset!);
  await expect(record).toHaveAttribute('data-key', 'carol');
});

test("a keyed record produced from the stage lands where the simulator's partitioner predicts", async ({
  page,
}) => {
  const topic = `keyed-${stamp}`;
  createTopic(topic, 6);
  await openReal(page, 'topics', topic);
  const form = page.getByTestId('real-produce');
  for (const key of ['alice', 'user-42']) {
    await form.locator('input[name="key"]').fill(key);
    await form.locator('input[name="value"]').fill(`hello-${key}`);
    await form.getByRole('button', { name: 'Produce' }).click();
    const produced = page.getByTestId('real-produced');
    await expect(page.getByTestId('real-message')).toHaveAttribute('data-ok', 'true');
    await expect(produced).toContainText(key);
    const real = await produced.getAttribute('data-partition');
    await expect(page.getByTestId('predicted-partition')).toHaveAttribute('data-predicted', real!);
    await expect(
      page.locator(`[data-testid="record"][data-value="hello-${key}"][data-partition="${real}"]`),
    ).toBeVisible();
  }
});

test('a group started from the stage shows the assignment kafka-consumer-groups --describe reports', async ({
  page,
}) => {
  const topic = `grouped-${stamp}`;
  const group = `stage-${stamp}`;
  createTopic(topic);
  // Records to read, so the group commits offsets on this topic and its card stays with the topic once
  // it is Empty (a group that never committed reads nothing here and goes to the end of the list).
  run('kafka-console-producer.sh', ['--bootstrap-server', bootstrap, '--topic', topic], 'r1\nr2\nr3\n');
  await openReal(page, 'consumers', topic);
  const start = page.getByTestId('real-start-consumer');
  await start.locator('input[name="group"]').fill(group);
  await start.getByRole('button', { name: 'Start consumer' }).click();
  const card = page.getByTestId(`real-group-${group}`);
  await expect(card).toHaveAttribute('data-state', 'Stable', { timeout: 30_000 });
  const member = card.getByTestId('real-member');
  await expect(member).toHaveAttribute('data-assignment', /.+/);
  const shown = (await member.getAttribute('data-assignment'))!.split(',').sort();
  const described = run('kafka-consumer-groups.sh', [
    '--bootstrap-server',
    bootstrap,
    '--describe',
    '--group',
    group,
  ]);
  const reported = described
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[0] === group && cols[1] === topic)
    .map((cols) => `${cols[1]}-${cols[2]}`)
    .sort();
  expect(reported).toHaveLength(3);
  expect(shown).toEqual(reported);
  // Stopped from the stage, it leaves: the group goes Empty.
  await page.getByTestId('real-bridge-consumer').filter({ hasText: group }).getByRole('button').click();
  await expect(card).toHaveAttribute('data-state', 'Empty', { timeout: 30_000 });
});

test('the three real pictures stay legible on a 1280x720 projector, the metrics panel open', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const pictures: [string, string][] = [
    ['topics', `keyed-${stamp}`],
    ['consumers', `grouped-${stamp}`],
    ['brokers', `grouped-${stamp}`],
  ];
  for (const [view, topic] of pictures) {
    await openReal(page, view, topic);
    if (view === 'brokers') {
      await page.keyboard.press('m');
      await expect(page.getByText('UnderReplicatedPartitions').first()).toBeVisible();
    }
    expect(await legibilityProblems(page, 'body'), `${view} of ${topic}`).toEqual([]);
  }
});

test('kill -9 of a broker from the stage shrinks the ISR of its partitions and moves its leadership once Kafka fences it', async ({
  page,
}) => {
  const topic = `failover-${stamp}`;
  createTopic(topic);
  await openReal(page, 'brokers', topic);
  const victim = 1;
  const led = page.locator(
    `[data-testid^="real-replica-${topic}-"][data-testid$="-${victim}"][data-leader="true"]`,
  );
  await expect(led).toHaveCount(1);
  const partition = (await led.getAttribute('data-testid'))!.split('-').at(-2)!;
  await page.getByTestId(`real-kill-${victim}`).click();
  await expect(page.getByTestId('real-message')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId(`real-broker-${victim}`)).toHaveAttribute('data-state', 'fenced', {
    timeout: 30_000,
  });
  for (const p of ['0', '1', '2'])
    await expect(page.getByTestId(`real-replica-${topic}-${p}-${victim}`)).toHaveAttribute(
      'data-in-isr',
      'false',
    );
  const newLeader = page.locator(`[data-testid^="real-replica-${topic}-${partition}-"][data-leader="true"]`);
  await expect(newLeader).toHaveCount(1);
  expect(await newLeader.getAttribute('data-testid')).not.toBe(
    `real-replica-${topic}-${partition}-${victim}`,
  );
  await page.getByTestId(`real-restart-${victim}`).click();
  await expect(page.getByTestId(`real-broker-${victim}`)).toHaveAttribute('data-state', 'up', {
    timeout: 120_000,
  });
  await expect(page.getByTestId(`real-replica-${topic}-${partition}-${victim}`)).toHaveAttribute(
    'data-in-isr',
    'true',
    { timeout: 120_000 },
  );
});

test('stopping the cluster shows it unreachable since a time, and starting it again recovers', async ({
  page,
}) => {
  const topic = `outage-${stamp}`;
  createTopic(topic);
  await openReal(page, 'topics', topic);
  execFileSync('node', ['scripts/kafka/stop.mjs'], { stdio: 'pipe', timeout: 120_000 });
  await expect(page.getByTestId('real-status')).toHaveAttribute('data-status', 'unreachable', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('real-unreachable')).toContainText(
    /cluster unreachable since \d\d:\d\d:\d\d, retrying/,
  );
  execFileSync('node', ['scripts/kafka/start.mjs', '--brokers', '3'], { stdio: 'pipe', timeout: 300_000 });
  await expect(page.getByTestId('real-status')).toHaveAttribute('data-status', 'live', { timeout: 60_000 });
  await expect(page.getByTestId('real-unreachable')).toHaveCount(0);
  await expect(page.getByTestId(`real-partition-${topic}-0`)).toBeVisible();
});
