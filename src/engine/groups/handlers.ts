/**
 * The groups module's contribution to step(): handlers for its commands, the messages it receives and the
 * timers it sets, merged into the engine's registries in step.ts.
 */
import type { ModuleHandlers } from '../core/module';
import { findCoordinator } from './client';
import {
  onFindCoordinatorResponse,
  onHeartbeatResponse,
  onJoinGroupResponse,
  onLeaveGroupResponse,
  onOffsetCommitResponse,
  onOffsetFetchResponse,
  onSyncGroupResponse,
} from './client-join';
import type { GroupCommand } from './commands';
import {
  addConsumer,
  closeConsumer,
  commitSync,
  deleteGroup,
  killConsumer,
  pauseConsumer,
  restartConsumer,
  resumeConsumer,
  subscribe,
} from './consumer';
import { onFindCoordinator } from './coordinator';
import { onFetch, onFetchResponse } from './fetch';
import { onHeartbeat, onJoinDeadline, onSessionCheck } from './heartbeat';
import { onJoinGroup } from './membership';
import { onOffsetCommit, onOffsetFetch } from './offsets';
import { onHeartbeatTick, onPollTick } from './poll';
import type { GroupMessagePayloads, GroupTimerPayloads } from './protocol';
import { consumerOf, isRunning } from './slice';
import { onLeaveGroup, onSyncGroup } from './sync';

export const groupHandlers: ModuleHandlers<GroupCommand, GroupMessagePayloads, GroupTimerPayloads> = {
  commands: {
    addConsumer,
    killConsumer,
    closeConsumer,
    restartConsumer,
    pauseConsumer,
    resumeConsumer,
    commitSync,
    subscribe,
    deleteGroup,
  },
  messages: {
    findCoordinator: onFindCoordinator,
    findCoordinatorResponse: onFindCoordinatorResponse,
    joinGroup: onJoinGroup,
    joinGroupResponse: onJoinGroupResponse,
    syncGroup: onSyncGroup,
    syncGroupResponse: onSyncGroupResponse,
    heartbeat: onHeartbeat,
    heartbeatResponse: onHeartbeatResponse,
    leaveGroup: onLeaveGroup,
    // LeaveGroup's answer changes nothing on the client: it has already let go.
    leaveGroupResponse: onLeaveGroupResponse,
    offsetCommit: onOffsetCommit,
    offsetCommitResponse: onOffsetCommitResponse,
    offsetFetch: onOffsetFetch,
    offsetFetchResponse: onOffsetFetchResponse,
    fetch: onFetch,
    fetchResponse: onFetchResponse,
  },
  timers: {
    consumerPoll: onPollTick,
    consumerHeartbeat: onHeartbeatTick,
    consumerRetry: (tx, t) => {
      const c = consumerOf(tx, t.payload.consumer);
      if (c && isRunning(c) && c.incarnation === t.payload.incarnation && c.coordinator === null)
        findCoordinator(tx, c);
    },
    groupSessionCheck: onSessionCheck,
    groupJoinDeadline: onJoinDeadline,
  },
};
