// Worker-thread entry: TypeScript runs through tsx here too (a worker has its own module loader).
import { register } from 'tsx/esm/api';

register();
await import('./score-worker.ts');
