/**
 * The one running player: created once, so that the keys, the buttons, the URL sync and the presenter
 * channel all send to the same machine.
 */
import { type Actor, createActor } from 'xstate';
import { deckStepCounts, deckStore } from '../store/deck-store';
import { type PlayerEvent, playerMachine } from './machine';

let actor: Actor<typeof playerMachine> | null = null;

export function startPlayer(reducedMotion: boolean): Actor<typeof playerMachine> {
  const { sceneIndex, step } = deckStore.getState();
  actor ??= createActor(playerMachine, {
    input: { reducedMotion, stepCounts: deckStepCounts, place: { sceneIndex, step } },
  }).start();
  return actor;
}

export function player(): Actor<typeof playerMachine> {
  if (!actor) throw new Error('startPlayer() must run before the player is used');
  return actor;
}

export function send(event: PlayerEvent): void {
  player().send(event);
}
