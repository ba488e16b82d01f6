// Thread entry of the built-in MMSC simulator. porm runs its TypeScript through tsx's loader, and a
// worker thread starts without the main thread's loader hooks, so it registers them itself first.
import { register } from 'tsx/esm/api';

register();
await import('./mmsc-worker-main.ts');
