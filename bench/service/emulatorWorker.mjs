// Worker entry: Node 20 workers don't inherit --import hooks for their entry file, so register tsx here.
import { register } from 'tsx/esm/api';

register();
await import('./emulatorWorker.ts');
