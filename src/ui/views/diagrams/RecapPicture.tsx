/**
 * The wrap-up's small pictures, one per idea of the talk, in the visual language of the scene each links to:
 * lanes are partitions, squares are records (a colour per key), circles are clients, a red cross is a failure.
 * Decorative: the link's caption names the idea.
 */
import type { ReactNode } from 'react';
import { keyColour } from '../palette';
import { Arrowhead } from './Arrowhead';
import type { RecapPicture as Kind } from './data';

const W = 240;
const H = 110;

function Record({ x, y, k }: { x: number; y: number; k: string | null }) {
  return <rect className="recap-record" x={x} y={y} width={16} height={16} rx={3} fill={keyColour(k)} />;
}

function Lane({ y, x = 70, w = 160 }: { y: number; x?: number; w?: number }) {
  return <rect className="recap-lane" x={x} y={y} width={w} height={24} rx={4} />;
}

function Cross({ x, y }: { x: number; y: number }) {
  return (
    <path
      className="recap-cross"
      d={`M${x - 12} ${y - 12} L${x + 12} ${y + 12} M${x + 12} ${y - 12} L${x - 12} ${y + 12}`}
    />
  );
}

function Arrow({ d }: { d: string }) {
  return <path className="recap-arrow" d={d} markerEnd="url(#recap-arrow)" />;
}

const PICTURES: Record<Kind, () => ReactNode> = {
  // One producer; each key's records all in one lane.
  keys: () => (
    <>
      <circle className="recap-client" cx={22} cy={55} r={16} />
      {[10, 43, 76].map((y, i) => (
        <g key={y}>
          <Arrow d={`M40 55 L64 ${y + 12}`} />
          <Lane y={y} />
          {[0, 1, 2].map((j) => (
            <Record key={j} x={78 + j * 22} y={y + 4} k={['alice', 'bob', 'carol'][i]!} />
          ))}
        </g>
      ))}
    </>
  ),
  // One log, two groups each at its own offset (one marker above, one below).
  groups: () => (
    <>
      <Lane y={43} x={20} w={200} />
      {[0, 1, 2, 3, 4, 5, 6, 7].map((j) => (
        <Record key={j} x={26 + j * 24} y={47} k={null} />
      ))}
      <path className="recap-marker a" d="M98 38 L90 24 L106 24 Z" />
      <path className="recap-marker b" d="M170 72 L162 86 L178 86 Z" />
    </>
  ),
  // Two partitions; their consumer fails and both now go to the survivor.
  rebalance: () => (
    <>
      <Lane y={18} x={10} w={110} />
      <Lane y={68} x={10} w={110} />
      <rect className="recap-box" x={170} y={12} width={56} height={36} rx={6} />
      <Cross x={198} y={30} />
      <rect className="recap-box" x={170} y={62} width={56} height={36} rx={6} />
      <Arrow d="M124 30 L160 76" />
      <Arrow d="M124 80 L160 80" />
    </>
  ),
  // Three brokers hold the same records; one fails, the copies remain.
  replication: () => (
    <>
      {[10, 90, 170].map((x, i) => (
        <g key={x}>
          <rect className="recap-box" x={x} y={20} width={62} height={70} rx={6} />
          {[0, 1, 2].map((j) => (
            <Record key={j} x={x + 8 + j * 16} y={47} k="alice" />
          ))}
          {i === 1 && <Cross x={x + 31} y={55} />}
        </g>
      ))}
    </>
  ),
  // Everything kept; a reader goes back to the start.
  log: () => (
    <>
      <Lane y={58} x={20} w={200} />
      {[0, 1, 2, 3, 4, 5, 6, 7].map((j) => (
        <Record key={j} x={26 + j * 24} y={62} k={j % 2 ? 'bob' : 'alice'} />
      ))}
      <Arrow d="M200 50 C 170 8, 60 8, 34 46" />
    </>
  ),
  // Attempts into a query, an alert out.
  stream: () => (
    <>
      {[0, 1, 2, 3].map((j) => (
        <circle key={j} className="recap-dot" cx={14 + j * 18} cy={55} r={6} />
      ))}
      <Arrow d="M88 55 L102 55" />
      <rect className="recap-box" x={108} y={30} width={60} height={50} rx={8} />
      <Arrow d="M172 55 L188 55" />
      <path className="recap-alert" d="M212 36 L232 72 L192 72 Z" />
    </>
  ),
};

export function RecapPicture({ picture }: { picture: Kind }) {
  return (
    <svg className="recap-picture" viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
      <Arrowhead id="recap-arrow" refX={8} />
      {PICTURES[picture]()}
    </svg>
  );
}
