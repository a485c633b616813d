/** "Run it for real": the same scene on a real cluster, for a learner to redo it. */
import type { Scene } from '../../scenarios/types';

export function RealCommands({ scene }: { scene: Scene }) {
  return (
    <details className="real-commands" data-typing>
      <summary>Run it for real</summary>
      <div className="real-commands-body">
        <p>The same scene on a real Kafka cluster:</p>
        <pre>
          <code>{scene.realCommands.join('\n\n')}</code>
        </pre>
      </div>
    </details>
  );
}
