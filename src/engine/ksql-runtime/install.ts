/**
 * Installs the ksql engine at once, for code that runs the engine outside the app (the unit tests through
 * vitest's setupFiles, the bench). The app loads it lazily instead (src/ui/store/ksql-loader.ts).
 */
import { installKsqlEngine } from './engine-slot';
import { ksqlEngine } from './ksql-engine';

installKsqlEngine(ksqlEngine);
