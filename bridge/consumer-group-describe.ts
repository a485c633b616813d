/**
 * ConsumerGroupDescribe v0 (KIP-848 groups), with Kafka's own response schema. @platformatic/kafka 1.20's parser
 * reads a member's SubscribedTopicNames as one string (it is []string) and each Assignment struct without its
 * tagged fields, so any group with a member fails with "Out of bounds"; the request it builds is right and reused.
 */
import { consumerGroupDescribeV0, createAPI, type Reader, ResponseError } from '@platformatic/kafka';

type ConsumerGroupDescribeResponse = consumerGroupDescribeV0.ConsumerGroupDescribeResponse;

function readAssignment(r: Reader) {
  const topicPartitions = r.readArray((t) => ({
    topicId: t.readUUID(),
    topicName: t.readString(),
    partitions: t.readArray(() => t.readInt32(), true, false),
  }));
  r.readTaggedFields();
  return { topicPartitions };
}

export function parseResponse(_correlationId: number, apiKey: number, apiVersion: number, reader: Reader) {
  const errors: [string, number][] = [];
  const response: ConsumerGroupDescribeResponse = {
    throttleTimeMs: reader.readInt32(),
    groups: reader.readArray((r, i) => {
      const errorCode = r.readInt16();
      if (errorCode !== 0) errors.push([`/groups/${i}`, errorCode]);
      return {
        errorCode,
        errorMessage: r.readNullableString(),
        groupId: r.readString(),
        groupState: r.readString(),
        groupEpoch: r.readInt32(),
        assignmentEpoch: r.readInt32(),
        assignorName: r.readString(),
        members: r.readArray((m) => ({
          memberId: m.readString(),
          instanceId: m.readNullableString(),
          rackId: m.readNullableString(),
          memberEpoch: m.readInt32(),
          clientId: m.readString(),
          clientHost: m.readString(),
          subscribedTopicNames: m.readArray(() => m.readString(), true, false).join(','),
          subscribedTopicRegex: m.readNullableString(),
          assignment: readAssignment(m),
          targetAssignment: readAssignment(m),
        })),
        authorizedOperations: r.readInt32(),
      };
    }),
  };
  if (errors.length) throw new ResponseError(apiKey, apiVersion, Object.fromEntries(errors), response);
  return response;
}

export const consumerGroupDescribe = createAPI<
  [groupIds: string[], includeAuthorizedOperations: boolean],
  ConsumerGroupDescribeResponse
>(69, 0, consumerGroupDescribeV0.createRequest, parseResponse);
