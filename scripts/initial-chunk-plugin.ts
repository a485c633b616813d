/**
 * Puts every module the first picture needs in the entry chunk. Left to itself, Rolldown moves each module
 * that the entry shares with a lazy chunk (React, the store, the engine, the scenes) into a common chunk of
 * its own: the page then fetched seven scripts, gzipped one by one (about 1.5 KB more than one file, as
 * each loses what the others would have let it compress). The entry's static imports are known once the
 * module graph is built; the group's test reads them when the chunks are made, after that.
 */
import type { Plugin } from 'vite';

export function initialChunk(): Plugin {
  const initial = new Set<string>();
  return {
    name: 'kafka-stage:initial-chunk',
    apply: 'build',
    buildEnd() {
      initial.clear();
      const stack = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
      for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
        if (initial.has(id)) continue;
        initial.add(id);
        stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
    outputOptions(options) {
      return {
        ...options,
        codeSplitting: { groups: [{ name: 'index', test: (id: string) => initial.has(id) }] },
      };
    },
  };
}
