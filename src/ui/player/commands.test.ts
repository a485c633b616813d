import { describe, expect, it } from 'vitest';
import { allCommands, commandForKey, deckCommands } from './commands';
import { formatKeys } from './key-format';

describe('the command registry', () => {
  it('gives every key to exactly one command, so a key never does two things', () => {
    const owners = new Map<string, string>();
    for (const c of allCommands) {
      for (const key of c.keys) {
        expect(owners.get(key), `${key} is claimed by ${owners.get(key)} and ${c.id}`).toBeUndefined();
        owners.set(key, c.id);
      }
    }
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
    expect(commandForKey('Alt+x')?.id).toBe('clear-live');
    expect(commandForKey('Alt+X')?.id).toBe('clear-live');
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
