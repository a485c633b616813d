/**
 * The scenes the deck shows, derived from the one piece of input that varies them: the sandbox's settings
 * from the URL (`?sandbox=<JSON>`). Without the parameter the deck is the registry's; with it, the sandbox
 * scene is built from those settings. The registry's list is never changed: whatever computes a scene's
 * run (scene-run.ts, the handout, the stage) asks for the scene here, so the sandbox is an explicit input.
 */
import { deckWith, scenes } from '../../scenarios/registry';
import type { SandboxConfig } from '../../scenarios/sandbox-config';
import { sandboxScene } from '../../scenarios/scenes/sandbox';
import type { Scene } from '../../scenarios/types';

interface Deck {
  /** The sandbox's settings (the default ones when the URL has none); null until the app has read the URL. */
  readonly sandbox: SandboxConfig | null;
  readonly scenes: readonly Scene[];
}

let deck: Deck = { sandbox: null, scenes };

/** Sets the sandbox's settings once, at start (a new setting reloads the page: see sandbox.ts). */
export function setDeckSandbox(config: SandboxConfig, fromUrl: boolean): void {
  deck = { sandbox: config, scenes: fromUrl ? deckWith(sandboxScene(config)) : scenes };
}

export function deckSandbox(): SandboxConfig | null {
  return deck.sandbox;
}

/** Every scene in talk order, the sandbox built from its settings. */
export function deckScenes(): readonly Scene[] {
  return deck.scenes;
}

/** The scene at an index of the deck (the deck store keeps its place within the deck). */
export function sceneAt(sceneIndex: number): Scene {
  return deck.scenes[sceneIndex]!;
}
