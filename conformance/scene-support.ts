/**
 * A scene's shown commands, ready for the suite's cluster, with a check that a test ran every one of them.
 */
import { scenes } from '../src/scenarios/registry';
import type { Scene } from '../src/scenarios/types';
import { forSuite, type RunResult, type ShownCommand, sh, shownCommands } from './real';

export function sceneById(id: string): Scene {
  const scene = scenes.find((s) => s.id === id);
  if (!scene) throw new Error(`no scene ${id}`);
  return scene;
}

/** Values produced by one engine producer to a topic, in the order the scene sends them. */
export function producedBy(scene: Scene, producer: string, topic: string) {
  const out: { key: string | null; value: string }[] = [];
  for (const c of [...scene.setup, ...scene.steps.flatMap((s) => s.commands)])
    if (c.type === 'produce' && c.producer === producer && c.topic === topic)
      out.push({ key: c.key ?? null, value: c.value });
  return out;
}

export class ShownCommands {
  readonly all: readonly ShownCommand[];
  private readonly ran = new Set<number>();
  constructor(
    readonly scene: Scene,
    private readonly topics: Readonly<Record<string, string>> = {},
  ) {
    this.all = shownCommands(scene.realCommands);
  }

  /** The i-th shown command that matches, as the suite runs it (address and topic swapped). */
  pick(match: RegExp, nth = 0): { index: number; shell: string; stdin: readonly string[] } {
    const found = this.all.map((c, i) => [c, i] as const).filter(([c]) => match.test(c.shell))[nth];
    if (!found) throw new Error(`${this.scene.id} shows no command matching ${match}`);
    const [c, index] = found;
    return { index, shell: forSuite(c.shell, this.topics), stdin: c.stdin };
  }

  /** Marks a shown command as run (for commands run in the background or with extra flags). */
  mark(index: number) {
    this.ran.add(index);
  }

  /** Runs a shown command as it is (stdin: its `> ` lines unless given). */
  run(match: RegExp, { nth = 0, input, extra = '' }: { nth?: number; input?: string; extra?: string } = {}) {
    const c = this.pick(match, nth);
    this.ran.add(c.index);
    const stdin = input ?? (c.stdin.length ? `${c.stdin.join('\n')}\n` : undefined);
    const r: RunResult = sh(`${c.shell}${extra}`, { input: stdin });
    return r;
  }

  runOk(match: RegExp, opts: { nth?: number; input?: string; extra?: string } = {}) {
    const r = this.run(match, opts);
    if (r.status !== 0)
      throw new Error(`exit ${r.status}: ${this.pick(match, opts.nth).shell}\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  /** The shown commands no test ran: the suite fails while any is left. */
  notRun(): string[] {
    return this.all.filter((_, i) => !this.ran.has(i)).map((c) => c.shell);
  }
}
