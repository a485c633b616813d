import { describe, expect, it } from 'vitest';
import { commandForKey, deckCommands } from './commands';

describe('the command registry', () => {
  it('gives every key to exactly one command, so a key never does two things', () => {
    const owners = new Map<string, string>();
    for (const c of deckCommands) {
      for (const key of c.keys) {
        expect(owners.get(key), `${key} is claimed by ${owners.get(key)} and ${c.id}`).toBeUndefined();
        owners.set(key, c.id);
      }
    }
  });

  it('maps the clicker keys to stepping', () => {
    expect(commandForKey('PageDown')?.id).toBe('next-step');
    expect(commandForKey('PageUp')?.id).toBe('previous-step');
    expect(commandForKey('.')?.id).toBe('black');
  });
});
