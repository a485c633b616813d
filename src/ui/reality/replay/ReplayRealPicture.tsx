/**
 * The real side of a replay, drawn from the step's RealSnapshot: the run's topics (names without the run's
 * suffix) with each partition's high watermark, leader, ISR and newest records, and its groups with each
 * member's partitions and the committed offsets. Whatever the comparison found different is highlighted.
 * A small picture of its own until the reality mode's RealStage can be placed here.
 */
import type { RealReplayStep } from '../../../reality/protocol';
import type { ReplayAnchor, ReplayDifference } from '../../../reality/replay-compare';

const strip = (name: string, suffix: string) =>
  name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;

function flagged(differences: readonly ReplayDifference[], match: (a: ReplayAnchor) => boolean): boolean {
  return differences.some((d) => match(d.where));
}

export function ReplayRealPicture({
  step,
  suffix,
  disagreements,
}: {
  step: RealReplayStep;
  suffix: string;
  disagreements: readonly ReplayDifference[];
}) {
  const { snapshot, produced } = step;
  const landed = new Set(produced.map((p) => `${p.topic}/${p.partition}/${p.offset}`));
  const wrongRecord = new Set(
    disagreements
      .flatMap((d) => (d.where.kind === 'record' ? [d.where.index] : []))
      .map((i) => {
        const p = produced[i];
        return p ? `${p.topic}/${p.partition}/${p.offset}` : '';
      }),
  );
  return (
    <div className="replay-real-picture" data-testid="replay-real-picture">
      {snapshot.topics.map((t) => {
        const topic = strip(t.name, suffix);
        return (
          <section key={t.name} className="replay-topic" aria-label={`Real topic ${topic}`}>
            <h4>
              {topic} <span className="replay-dim">({t.name})</span>
            </h4>
            <ul className="replay-partitions">
              {t.partitions.map((p) => {
                const bad = flagged(
                  disagreements,
                  (a) =>
                    a.kind === 'partition' &&
                    a.topic === topic &&
                    (a.partition === null || a.partition === p.partition),
                );
                return (
                  <li
                    key={p.partition}
                    className={bad ? 'replay-partition disagrees' : 'replay-partition'}
                    data-testid={`real-partition-${p.partition}`}
                    data-box="real-partition"
                  >
                    <span className="replay-p">P{p.partition}</span>
                    <span className="replay-meta">
                      HW {p.highWatermark} · leader {p.leader ?? 'none'} · ISR [{p.isr.join(', ')}]
                    </span>
                    <span className="replay-records">
                      {p.newest.slice(-6).map((r) => {
                        const id = `${topic}/${r.partition}/${r.offset}`;
                        const cls = wrongRecord.has(id)
                          ? 'replay-record disagrees'
                          : landed.has(id)
                            ? 'replay-record new'
                            : 'replay-record';
                        return (
                          <span key={r.offset} className={cls} title={`offset ${r.offset}`}>
                            {r.key !== null ? `${r.key}·` : ''}
                            {r.value}
                            <sub>{r.offset}</sub>
                          </span>
                        );
                      })}
                    </span>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {snapshot.groups.map((g) => {
        const group = strip(g.groupId, suffix);
        return (
          <section key={g.groupId} className="replay-group" aria-label={`Real group ${group}`}>
            <h4
              className={
                flagged(disagreements, (a) => a.kind === 'group' && a.group === group && a.member === null)
                  ? 'disagrees'
                  : undefined
              }
            >
              group {group} · {g.state} · {g.members.length} member{g.members.length === 1 ? '' : 's'}
            </h4>
            <ul className="replay-members">
              {[...g.members]
                .sort((a, b) => a.clientId.localeCompare(b.clientId))
                .map((m) => {
                  const bad = flagged(
                    disagreements,
                    (a) => a.kind === 'group' && a.group === group && a.member === m.clientId,
                  );
                  const parts = [...m.assignment]
                    .sort((a, b) => a.partition - b.partition)
                    .map((tp) => `P${tp.partition}`);
                  return (
                    <li
                      key={m.memberId}
                      className={bad ? 'replay-member disagrees' : 'replay-member'}
                      data-box="real-member"
                    >
                      <strong>{m.clientId}</strong> {parts.length > 0 ? parts.join(', ') : 'owns nothing'}
                    </li>
                  );
                })}
            </ul>
            <p className="replay-dim">
              committed:{' '}
              {g.offsets.filter((o) => o.committedOffset !== null).length === 0
                ? 'nothing yet'
                : g.offsets
                    .filter((o) => o.committedOffset !== null)
                    .sort((a, b) => a.partition - b.partition)
                    .map((o) => `P${o.partition} ${o.committedOffset}`)
                    .join(' · ')}
            </p>
          </section>
        );
      })}
    </div>
  );
}
