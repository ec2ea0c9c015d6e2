import { type SigmoidLabBridge, userMessage } from '../../../shared/api';
import type { Platform } from './types';

/** Errors from main carry Electron's "Error invoking remote method" prefix: keep the person's message. */
async function clean<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw new Error(userMessage(e), { cause: e });
  }
}

export function electronPlatform(bridge: SigmoidLabBridge): Platform {
  return {
    kind: 'electron',
    appInfo: () => clean(bridge.appInfo()),
    openExperiment: () => clean(bridge.openDialog()),
    openRecent: (path) => clean(bridge.openRecent(path)),
    recentFiles: () => clean(bridge.recentFiles()),
    saveExperiment: (text, current, saveAs) =>
      clean(bridge.saveExperiment(text, current.path, current.name, saveAs)),
    writeExport: (data, name, filters) => clean(bridge.writeExport(data, name, filters)),
    writeFrames: (frames, folder) => clean(bridge.writeFrames(frames, folder)),
    reveal: (path) => clean(bridge.reveal(path)),
    askUnsaved: (name) => clean(bridge.askUnsaved(name)),
    setDocumentState: (state) => bridge.setDocumentState(state),
    closeConfirmed: () => bridge.closeConfirmed(),
    writeAutosave: (text) => clean(bridge.writeAutosave(text)),
    readAutosave: () => clean(bridge.readAutosave()),
    onMenuCommand: (l) => bridge.onMenuCommand(l),
    onFileOpened: (l) => bridge.onFileOpened(l),
    onFileOpenFailed: (l) => bridge.onFileOpenFailed(l),
  };
}
