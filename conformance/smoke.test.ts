import { describe, expect, it } from 'vitest';
import { bootstrap, describeTopic, readTopic, shOk } from './real';
describe('smoke', () => {
  it('works', () => {
    shOk(`bin/kafka-topics.sh --bootstrap-server ${bootstrap()} --create --topic smoke --partitions 4`);
    shOk(`bin/kafka-console-producer.sh --bootstrap-server ${bootstrap()} --topic smoke --reader-property parse.key=true --reader-property key.separator=:`, { input: 'alice:login\nbob:login\n' });
    console.log(describeTopic('smoke'), readTopic('smoke'));
    expect(1).toBe(1);
  });
});
