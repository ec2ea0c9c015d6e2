// Worker threads do not inherit tsx's loader on Node 20: register it, then load the TypeScript worker.
import { tsImport } from 'tsx/esm/api';

await tsImport('./gifWorker.ts', import.meta.url);
