/** The consumer protocol plugged into step(): its commands, its two messages and its three timers. */
import type { ModuleHandlers } from '../core/module';
import {
  addModernConsumer,
  closeModernConsumer,
  killModernConsumer,
  onHeartbeatDue,
  onHeartbeatResponse,
  onPoll,
} from './client';
import { onConsumerGroupHeartbeat, onSessionTimeout } from './coordinator';
import type { ModernMessagePayloads, ModernTimerPayloads } from './protocol';
import type { ModernGroupCommand } from './types';

export const modernGroupHandlers: ModuleHandlers<
  ModernGroupCommand,
  ModernMessagePayloads,
  ModernTimerPayloads
> = {
  commands: { addModernConsumer, killModernConsumer, closeModernConsumer },
  messages: {
    consumerGroupHeartbeat: onConsumerGroupHeartbeat,
    consumerGroupHeartbeatResponse: onHeartbeatResponse,
  },
  timers: {
    modernHeartbeatDue: (tx, t) => onHeartbeatDue(tx, t.payload),
    modernSessionTimeout: (tx, t) => onSessionTimeout(tx, t.payload),
    modernPoll: (tx, t) => onPoll(tx, t.payload),
  },
};
