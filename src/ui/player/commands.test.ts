import { describe, expect, it } from 'vitest';
import {
  allCommands,
  commandForKey,
  DECK_CONTEXT,
  deckCommand,
  deckCommands,
  type KeyContext,
} from './commands';
import { formatKeys } from './key-format';

describe('the command registry', () => {
  it('gives every key to exactly one command wherever it is pressed, so a key never does two things', () => {
    for (const overlay of ['none', 'help', 'overview', 'real'] as const) {
      for (const presenter of [false, true]) {
        const context: KeyContext = { overlay, presenter };
        const owners = new Map<string, string>();
        for (const c of allCommands) {
          if (c.when && !c.when(undefined as never, context)) continue;
          for (const key of c.keys) {
            const where = `${key} in ${overlay}${presenter ? ' (presenter)' : ''}`;
            expect(owners.get(key), `${where} is claimed by ${owners.get(key)} and ${c.id}`).toBeUndefined();
            owners.set(key, c.id);
          }
        }
      }
    }
  });

  it('Esc closes the topmost overlay and never opens the overview', () => {
    for (const overlay of ['none', 'help', 'overview', 'real'] as const) {
      expect(commandForKey('Escape', { overlay, presenter: false })?.id).toBe('close-top');
    }
    expect(deckCommand('overview').keys).not.toContain('Escape');
  });

  it('gives the arrows and Enter to the overview while it is open, and back to the deck after', () => {
    const overview: KeyContext = { overlay: 'overview', presenter: false };
    expect(commandForKey('ArrowRight', overview)?.id).toBe('overview-right');
    expect(commandForKey('ArrowDown', overview)?.id).toBe('overview-down');
    expect(commandForKey('Enter', overview)?.id).toBe('overview-pick');
    expect(commandForKey('ArrowRight', DECK_CONTEXT)?.id).toBe('next-step');
    expect(commandForKey('ArrowDown', DECK_CONTEXT)?.id).toBe('next-scene');
  });

  it('keeps the deck still under the help: its moving keys do nothing there', () => {
    const help: KeyContext = { overlay: 'help', presenter: false };
    for (const key of ['ArrowRight', 'ArrowLeft', 'Enter', 'Home', 'End', 'g']) {
      expect(commandForKey(key, help), key).toBeUndefined();
    }
    expect(commandForKey('?', help)?.id).toBe('help');
  });

  it("changes the notes' size only in the presenter's window", () => {
    expect(commandForKey(']', DECK_CONTEXT)).toBeUndefined();
    expect(commandForKey(']', { overlay: 'none', presenter: true })?.id).toBe('notes-larger');
    expect(commandForKey('[', { overlay: 'none', presenter: true })?.id).toBe('notes-smaller');
  });

  it('puts every command with keys in one of the help groups', () => {
    for (const c of deckCommands) if (c.keys.length > 0) expect(c.group, c.id).toBeDefined();
  });

  it('gives every entry its own id', () => {
    const ids = allCommands.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('maps the clicker keys to stepping', () => {
    expect(commandForKey('PageDown')?.id).toBe('next-step');
    expect(commandForKey('PageUp')?.id).toBe('previous-step');
    expect(commandForKey('.')?.id).toBe('black');
  });

  it("clears the scene's live actions with Alt + X", () => {
    // Only when the scene has live actions to clear: with none, the key does nothing.
    expect(deckCommand('clear-live').keys).toEqual(expect.arrayContaining(['Alt+x', 'Alt+X']));
    expect(commandForKey('Alt+x')).toBeUndefined();
  });

  it('has something to show in the help for every command with keys', () => {
    for (const c of deckCommands) if (c.keys.length > 0) expect(formatKeys(c.keys).length).toBeGreaterThan(0);
  });
});

describe('the help text of keys', () => {
  it('writes arrows as arrows and the space bar as Space', () => {
    expect(formatKeys(['ArrowRight', ' ', 'PageDown', 'Enter'])).toEqual(['→', 'Space', 'PageDown', 'Enter']);
    expect(formatKeys(['ArrowLeft', 'ArrowUp', 'ArrowDown', 'Escape'])).toEqual(['←', '↑', '↓', 'Esc']);
  });

  it('writes one letter once, whatever its case', () => {
    expect(formatKeys(['o', 'O', 'Escape'])).toEqual(['O', 'Esc']);
    expect(formatKeys(['b', 'B', '.'])).toEqual(['B', '.']);
  });

  it('writes Alt with a plus, and leaves out the macOS Option-layer character of the same key', () => {
    expect(formatKeys(['Alt+p', 'Alt+P', 'Alt+π'])).toEqual(['Alt + P']);
    expect(formatKeys(['Alt+ArrowRight', 'Alt+ '])).toEqual(['Alt + →', 'Alt + Space']);
  });
});
