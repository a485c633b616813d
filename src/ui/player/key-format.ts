/**
 * How the help overlay and buttons write a command's keys, generated from the keys the handler matches:
 * ArrowRight -> →, ' ' -> Space, Alt+x -> Alt + X. Case variants of a letter (p, P) are one key; an Alt
 * key whose character is not ASCII (Alt+π) is the macOS Option layer of a key already listed, so not shown.
 */
const NAMES: Readonly<Record<string, string>> = {
  ArrowRight: '→',
  ArrowLeft: '←',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ' ': 'Space',
  Escape: 'Esc',
};

function formatKey(key: string): string | null {
  const alt = key.startsWith('Alt+') && key.length > 4;
  const base = alt ? key.slice(4) : key;
  if (alt && base.length === 1 && base.charCodeAt(0) > 0x7e) return null;
  const name = NAMES[base] ?? (base.length === 1 ? base.toUpperCase() : base);
  return alt ? `Alt + ${name}` : name;
}

/** The keys as the help writes them, in registry order, without duplicates. */
export function formatKeys(keys: readonly string[]): string[] {
  const shown: string[] = [];
  for (const k of keys) {
    const name = formatKey(k);
    if (name !== null && !shown.includes(name)) shown.push(name);
  }
  return shown;
}
