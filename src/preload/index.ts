/** The only door between the page and the main process: a small, typed API. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, type MenuCommand, type OpenedFile, type SigmoidLabBridge } from '../shared/api';

function listen<T>(channel: string, listener: (value: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, value: T): void => listener(value);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

const bridge: SigmoidLabBridge = {
  appInfo: () => ipcRenderer.invoke(CHANNELS.appInfo),
  openDialog: () => ipcRenderer.invoke(CHANNELS.openDialog),
  openRecent: (path) => ipcRenderer.invoke(CHANNELS.openRecent, path),
  saveExperiment: (text, path, suggestedName, saveAs) =>
    ipcRenderer.invoke(CHANNELS.saveExperiment, text, path, suggestedName, saveAs),
  chooseExport: (kind, suggestedName, filters) =>
    ipcRenderer.invoke(CHANNELS.chooseExport, kind, suggestedName, filters),
  writeExport: (id, data) => ipcRenderer.invoke(CHANNELS.writeExport, id, data),
  writeFrames: (id, frames) => ipcRenderer.invoke(CHANNELS.writeFrames, id, frames),
  discardExport: (id) => ipcRenderer.invoke(CHANNELS.discardExport, id),
  setLanguage: (locale) => ipcRenderer.send(CHANNELS.setLanguage, locale),
  reveal: (path) => ipcRenderer.invoke(CHANNELS.reveal, path),
  recentFiles: () => ipcRenderer.invoke(CHANNELS.recentFiles),
  askUnsaved: (name) => ipcRenderer.invoke(CHANNELS.askUnsaved, name),
  setDocumentState: (state) => ipcRenderer.send(CHANNELS.documentState, state),
  closeConfirmed: () => ipcRenderer.send(CHANNELS.closeConfirmed),
  writeAutosave: (text) => ipcRenderer.invoke(CHANNELS.autosaveWrite, text),
  readAutosave: () => ipcRenderer.invoke(CHANNELS.autosaveRead),
  clearAutosave: () => ipcRenderer.invoke(CHANNELS.autosaveClear),
  copyLink: (link) => ipcRenderer.invoke(CHANNELS.copyLink, link),
  onMenuCommand: (listener) => listen<MenuCommand>(CHANNELS.menuCommand, listener),
  onFileOpened: (listener) => listen<OpenedFile>(CHANNELS.fileOpened, listener),
  onFileOpenFailed: (listener) => listen<string>(CHANNELS.fileOpenFailed, listener),
};

contextBridge.exposeInMainWorld('sigmoidLab', bridge);
