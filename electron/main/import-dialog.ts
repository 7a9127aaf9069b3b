import { dialog, type BrowserWindow, type FileFilter } from 'electron';

/** What the library accepts (mirrors electron/engine/library/media-kind.ts). */
export const IMPORT_FILE_FILTERS: FileFilter[] = [
  {
    name: 'Faces, voices and scripts',
    extensions: ['png', 'jpg', 'jpeg', 'webp', 'bmp', 'tif', 'tiff', 'mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'mpg', 'mpeg', 'wav', 'mp3', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'flac', 'txt'],
  },
  { name: 'Photos', extensions: ['png', 'jpg', 'jpeg', 'webp', 'bmp', 'tif', 'tiff'] },
  { name: 'Videos', extensions: ['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'mpg', 'mpeg'] },
  { name: 'Voice recordings', extensions: ['wav', 'mp3', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'flac'] },
  { name: 'Scripts', extensions: ['txt'] },
  { name: 'All files', extensions: ['*'] },
];

/** The native open dialog for File › Import…; resolves to the chosen files, or none when cancelled. */
export async function chooseImportFiles(parent: BrowserWindow | null): Promise<string[]> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import into the library',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: IMPORT_FILE_FILTERS,
  };
  const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return canceled ? [] : filePaths;
}

/** The native save dialog for a render; resolves to the chosen .mp4 path, or null when cancelled. */
export async function chooseRenderPath(parent: BrowserWindow | null, { suggestedName, defaultDir }: { suggestedName: string; defaultDir: string }): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: 'Render to',
    buttonLabel: 'Render',
    defaultPath: `${defaultDir}/${suggestedName.replace(/[<>:"/\\|?*\u0000-\u001f]+/g, '_')}.mp4`,
    filters: [{ name: 'MP4 video', extensions: ['mp4'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (canceled || !filePath) return null;
  return filePath.toLowerCase().endsWith('.mp4') ? filePath : `${filePath}.mp4`;
}

/** The native folder dialog for a batch's output; resolves to the chosen folder, or null when cancelled. */
export async function chooseOutputFolder(parent: BrowserWindow | null, { defaultDir }: { defaultDir: string }): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { title: 'Save the batch in', buttonLabel: 'Choose', defaultPath: defaultDir, properties: ['openDirectory', 'createDirectory'] };
  const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return canceled || filePaths.length === 0 ? null : filePaths[0];
}
