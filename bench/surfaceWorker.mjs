// Worker threads do not inherit tsx's loader on Node 20: register it, then load the TypeScript host.
import { tsImport } from 'tsx/esm/api';

await tsImport('./surfaceWorker.ts', import.meta.url);
