/**
 * The sandbox's configuration lives in the URL (`?sandbox=<JSON>`), so a link shares the exact cluster.
 * Applying new settings clears the sandbox's live actions (they belonged to the old cluster) and reloads.
 */
import { formatSandboxConfig, parseSandboxConfig, type SandboxConfig } from '../../scenarios/sandbox-config';
import { SANDBOX_ID } from '../../scenarios/scenes/sandbox';
import { deckSandbox, setDeckSandbox } from './deck-scenes';
import { deckStore } from './deck-store';

/** Reads the URL's sandbox settings before the deck starts; returns what was wrong with them. */
export function installSandboxFromUrl(param: string | null): string[] {
  const { config, problems } = parseSandboxConfig(param);
  setDeckSandbox(config, param !== null);
  return problems;
}

export function currentSandbox(): SandboxConfig | null {
  return deckSandbox();
}

export function sandboxUrl(config: SandboxConfig, step = 0): string {
  const url = new URL(window.location.href);
  url.searchParams.set('sandbox', formatSandboxConfig(config));
  url.hash = `#/${SANDBOX_ID}/${step}`;
  return url.toString();
}

export function applySandbox(config: SandboxConfig): void {
  const { [SANDBOX_ID]: _old, ...live } = deckStore.getState().live;
  deckStore.setState({ live });
  window.location.assign(sandboxUrl(config));
}
