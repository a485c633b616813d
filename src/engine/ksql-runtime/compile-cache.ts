/**
 * The compiled queries of running queries, kept outside the engine state (a compiled query holds closures;
 * the state must stay plain data that can be compared, checkpointed and replayed). Compiling is pure and
 * deterministic, so a cache keyed by (strict, script) is invisible to the engine's results: a hit and a miss
 * give equivalent queries. The cache only saves time when the UI seeks back and forth through a scene.
 */
import { type CompileResult, compileKsql } from '../ksql';

/** A few distinct scripts per session (the scene's and the presenter's edits): small and bounded. */
const CACHE_SIZE = 32;
const cache = new Map<string, CompileResult>();

export function compileCached(script: string, strict: boolean): CompileResult {
  const key = `${strict ? 'strict' : 'talk'}\u0000${script}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the oldest is the first to go.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const compiled = compileKsql(script, { strict });
  cache.set(key, compiled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return compiled;
}
