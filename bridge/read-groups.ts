/**
 * The consumer groups of a poll: listed on every broker, described and their committed offsets fetched on
 * each group's coordinator (classic groups by DescribeGroups, KIP-848 consumer groups by ConsumerGroupDescribe).
 */
import {
  type Connection,
  describeGroupsV5,
  findCoordinatorV6,
  listGroupsV5,
  offsetFetchV9,
} from '@platformatic/kafka';
import type { RawClassicGroup, RawConsumerGroup, RawGroups, RawMetadata } from '../src/reality/raw';
import { consumerGroupDescribe } from './consumer-group-describe';
import { errorText, lenient } from './kafka-errors';

export async function readGroups(
  brokers: number[],
  conn: (id: number) => Promise<Connection>,
  topics: RawMetadata['topics'],
  failures: string[],
): Promise<RawGroups> {
  // Groups live on their coordinators, spread over the brokers: ask every broker for its own.
  const listed: RawGroups['listed'] = [];
  // A broker that does not answer costs the groups it coordinates, not every group.
  let answered = 0;
  await Promise.all(
    brokers.map(async (id) => {
      const r = await lenient(listGroupsV5.api.async(await conn(id), [], [])).catch((e) => {
        failures.push(`groups on broker ${id}: ${errorText(e)}`);
        return null;
      });
      if (!r) return;
      answered++;
      for (const g of r.groups)
        listed.push({
          groupId: g.groupId,
          groupType: g.groupType,
          groupState: g.groupState,
          protocolType: g.protocolType,
        });
    }),
  );
  if (answered === 0) throw new Error('no broker answered ListGroups');
  const out: RawGroups = { listed, coordinators: {}, classic: [], consumer: [], committed: [] };
  if (listed.length === 0) return out;
  const found = await lenient(
    findCoordinatorV6.api.async(
      await conn(brokers[0] ?? -1),
      0,
      listed.map((g) => g.groupId),
    ),
  );
  for (const c of found.coordinators) if (c.errorCode === 0) out.coordinators[c.key] = c.nodeId;
  const byCoordinator = new Map<number, typeof listed>();
  for (const g of listed) {
    const id = out.coordinators[g.groupId];
    if (id === undefined) continue;
    byCoordinator.set(id, [...(byCoordinator.get(id) ?? []), g]);
  }
  const userTopics = topics.filter((t) => !t.isInternal);
  await Promise.all(
    [...byCoordinator].map(async ([id, gs]) => {
      const c = await conn(id).catch((e) => {
        failures.push(`groups coordinated by broker ${id}: ${errorText(e)}`);
        return null;
      });
      if (!c) return;
      const consumerIds = gs.filter((g) => g.groupType.toLowerCase() === 'consumer').map((g) => g.groupId);
      const classicIds = gs.filter((g) => g.groupType.toLowerCase() !== 'consumer').map((g) => g.groupId);
      if (classicIds.length > 0) {
        const r = await lenient(describeGroupsV5.api.async(c, classicIds, false));
        for (const g of r.groups)
          out.classic.push({
            groupId: g.groupId,
            errorCode: g.errorCode,
            groupState: g.groupState,
            protocolType: g.protocolType,
            protocolData: g.protocolData,
            members: g.members.map((m) => ({
              memberId: m.memberId,
              groupInstanceId: m.groupInstanceId ?? null,
              clientId: m.clientId,
              clientHost: m.clientHost,
              memberAssignment: Buffer.from(m.memberAssignment ?? []).toString('hex'),
            })),
          } satisfies RawClassicGroup);
      }
      if (consumerIds.length > 0) {
        const r = await lenient(consumerGroupDescribe.async(c, consumerIds, false));
        for (const g of r.groups)
          out.consumer.push({
            groupId: g.groupId,
            errorCode: g.errorCode,
            groupState: g.groupState,
            assignorName: g.assignorName,
            members: g.members.map((m) => ({
              memberId: m.memberId,
              instanceId: m.instanceId ?? null,
              clientId: m.clientId,
              clientHost: m.clientHost,
              assignment: {
                topicPartitions: m.assignment.topicPartitions.map((tp) => ({
                  topicName: tp.topicName,
                  partitions: [...tp.partitions],
                })),
              },
            })),
          } satisfies RawConsumerGroup);
      }
      if (userTopics.length > 0) {
        const r = await lenient(
          offsetFetchV9.api.async(
            c,
            gs.map((g) => ({
              groupId: g.groupId,
              memberId: null,
              memberEpoch: -1,
              topics: userTopics.map((t) => ({
                name: t.name,
                partitionIndexes: t.partitions.map((p) => p.partitionIndex),
              })),
            })),
            false,
          ),
        );
        for (const g of r.groups)
          out.committed.push({
            groupId: g.groupId,
            topics: g.topics.map((t) => ({
              name: t.name,
              partitions: t.partitions
                .filter((p) => p.errorCode === 0)
                .map((p) => ({
                  partitionIndex: p.partitionIndex,
                  committedOffset: Number(p.committedOffset),
                })),
            })),
          });
      }
    }),
  );
  return out;
}
