/**
 * Which broker coordinates a consumer group: the leader of partition
 * Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions of __consumer_offsets
 * (GroupCoordinatorService.java partitionFor, GroupMetadataManager.scala:193; default 50 partitions).
 */

/** offsets.topic.num.partitions (GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS_DEFAULT). */
export const OFFSETS_TOPIC_PARTITIONS_DEFAULT = 50;

/** Java's String.hashCode: s[0]*31^(n-1) + ... + s[n-1] in 32-bit int arithmetic over UTF-16 code units. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Utils.abs: Math.abs, except that Integer.MIN_VALUE (whose Math.abs overflows) maps to 0. */
function javaUtilsAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}

/** The __consumer_offsets partition whose leader is the group coordinator of groupId. */
export function coordinatorPartition(
  groupId: string,
  offsetsTopicPartitions = OFFSETS_TOPIC_PARTITIONS_DEFAULT,
): number {
  return javaUtilsAbs(javaStringHashCode(groupId)) % offsetsTopicPartitions;
}
