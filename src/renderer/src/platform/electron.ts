import { type SigmoidLabBridge, userMessage } from '../../../shared/api';
import { DESKTOP_LINK_BASE } from '../share/link';
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
    exportFolders: true,
    chooseExport: (kind, name, filters) => clean(bridge.chooseExport(kind, name, filters)),
    writeExport: (target, data) => clean(bridge.writeExport(target.id, data)),
    writeFrames: (target, frames) => clean(bridge.writeFrames(target.id, frames)),
    discardExport: (target) => clean(bridge.discardExport(target.id)),
    reveal: (path) => clean(bridge.reveal(path)),
    setLanguage: (locale) => bridge.setLanguage(locale),
    askUnsaved: (name) => clean(bridge.askUnsaved(name)),
    setDocumentState: (state) => bridge.setDocumentState(state),
    closeConfirmed: () => bridge.closeConfirmed(),
    writeAutosave: (text) => clean(bridge.writeAutosave(text)),
    readAutosave: () => clean(bridge.readAutosave()),
    linkBase: () => DESKTOP_LINK_BASE,
    copyLink: (link) => clean(bridge.copyLink(link)),
    onMenuCommand: (l) => bridge.onMenuCommand(l),
    onFileOpened: (l) => bridge.onFileOpened(l),
    onFileOpenFailed: (l) => bridge.onFileOpenFailed(l),
  };
}
