// Worker threads do not inherit tsx's loader on Node 20: register it, then load the TypeScript host.
import { tsImport } from 'tsx/esm/api';

await tsImport('./trainWorker.ts', import.meta.url);
