import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import iconPath from '../../resources/icon.png?asset';
import { createAppLocation, PACKAGED_ENTRY_URL } from './app-location';
import { buildAppMenuTemplate } from './app-menu';
import { findBundledBinary } from './bundled-binaries';
import { buildContentSecurityPolicy } from './content-security-policy';
import { createEngineFacade } from './engine-facade';
import { engineLoaders } from './engine-loaders';
import { listBuiltinVoices } from './handlers/builtin-voices';
import { createForkedRunner } from '../worker/forked-runner';
import { resolveRenderOutput, toRenderJobView } from './handlers/render-handlers';
import { createThumbnailStore } from './handlers/thumbnails';
import { chooseImportFiles, chooseOutputFolder, chooseRenderPath } from './import-dialog';
import { toMediaUrl } from './media-path';
import { createQuitGuard } from './quit-guard';
import { StudioFailure } from './studio-errors';
import { forkUtilityWorker } from './utility-worker';
import { openMainWindow } from './main-window';
import { createAppProtocolHandler, createMediaProtocolHandler } from './protocol-handlers';
import { APP_SCHEME, MEDIA_SCHEME, privilegedSchemes, RENDERS_HOST, THUMBNAIL_HOST } from './protocol-schemes';
import { hardenSession, hardenWebContents } from './security';
import { createStudioHandlers } from './studio-handlers';
import { createStudioEventSender, registerStudioIpc } from './studio.ipc';
import { toStudioError } from './studio-errors';
import { resolveStudioPaths } from './studio-paths';
import { openStudioFarm } from './studio-farm';

const APP_NAME = 'Mouthpiece';

// `electron-vite dev` passes the dev server's URL; anything but a loopback http URL is ignored (createAppLocation).
const appLocation = createAppLocation(app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL);
const isDev = appLocation.entryUrl !== PACKAGED_ENTRY_URL;

// Before 'ready': privileged schemes, sandbox for every renderer, and one data folder whatever package.json says.
protocol.registerSchemesAsPrivileged(privilegedSchemes);
app.enableSandbox();
app.setName(APP_NAME);
app.setPath('userData', path.join(app.getPath('appData'), APP_NAME));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  startStudio();
}

function startStudio(): void {
  const contentSecurityPolicy = buildContentSecurityPolicy({ dev: isDev });
  const paths = resolveStudioPaths({
    userDataDir: app.getPath('userData'),
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    isPackaged: app.isPackaged,
    mainDir: path.dirname(fileURLToPath(import.meta.url)),
    ffmpeg: findBundledBinary('@ffmpeg-installer/ffmpeg'),
    ffprobe: findBundledBinary('@ffprobe-installer/ffprobe'),
  });
  // The render workers (utility processes) inherit this environment; the captions module reads it.
  process.env.MOUTHPIECE_FONTS_DIR ??= paths.captionFonts;
  let mainWindow: BrowserWindow | null = null;
  const renderUrl = (renderId: number) => `${MEDIA_SCHEME}://${RENDERS_HOST}/${renderId}.mp4`;
  const emit = createStudioEventSender(() => mainWindow?.webContents, appLocation);
  // Asked when needed: app.getPath is only reliable once the app is ready.
  const rendersDir = () => path.join(app.getPath('videos'), APP_NAME);
  const engine = createEngineFacade(
    {
      libraryDir: paths.library,
      modelsDir: paths.models,
      manifestPath: paths.modelsManifest,
      ffmpegPath: paths.ffmpeg ?? undefined,
      ffprobePath: paths.ffprobe ?? undefined,
    },
    engineLoaders,
    {
      // Renders run in a utility process: the main process stays responsive and a native crash takes only the worker.
      createRunner: ({ tools }) =>
        createForkedRunner({
          spawn: () => forkUtilityWorker(paths.renderWorker),
          modelsDir: paths.models,
          manifestPath: paths.modelsManifest,
          ffmpegPath: tools.ffmpegPath,
          ffprobePath: tools.ffprobePath,
          libraryDir: paths.library,
        }),
      onJobState: (state) => emit('job-state', toRenderJobView(state, renderUrl)),
      openFarm: ({ farmUrl, mediaAddress, caPath, libraryDir }) => openStudioFarm({ farmUrl, mediaAddress, caPath, libraryDir, version: app.getVersion() }),
    },
  );

  const { userData, library, media, models, ffmpeg, ffprobe } = paths;
  const thumbnails = createThumbnailStore({ libraryDir: paths.library, tools: engine.tools });
  const handlers = createStudioHandlers({
    engine,
    mediaUrl: (filePath) => toMediaUrl(filePath, paths.media),
    renderUrl,
    thumbnailUrl: (sha256) => `${MEDIA_SCHEME}://${THUMBNAIL_HOST}/${thumbnails.nameFor(sha256)}`,
    emit,
    rendersDir,
    chooseImportFiles: () => chooseImportFiles(mainWindow),
    chooseSavePath: (suggestedName) => chooseRenderPath(mainWindow, { suggestedName, defaultDir: rendersDir() }),
    chooseFolder: () => chooseOutputFolder(mainWindow, { defaultDir: rendersDir() }),
    openPath: async (filePath) => {
      const problem = await shell.openPath(filePath);
      if (problem) throw new StudioFailure('ENGINE_ERROR', `${filePath}: ${problem}`);
    },
    showItemInFolder: async (filePath) => shell.showItemInFolder(filePath),
    listBuiltinVoices,
    samplesDir: paths.samples,
    describeApp: () => ({
      name: APP_NAME,
      version: app.getVersion(),
      platform: process.platform,
      arch: process.arch,
      versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
      isPackaged: app.isPackaged,
      paths: { userData, library, media, models, ffmpeg, ffprobe },
    }),
  });

  const showMessage = (options: Electron.MessageBoxOptions) => (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));

  const showAbout = () =>
    void showMessage({
      type: 'info',
      title: `About ${APP_NAME}`,
      message: `${APP_NAME} ${app.getVersion()}`,
      detail: 'Makes a face speak, on this computer, without a GPU.\nVideos it makes are marked as AI-generated.\nLicensed GPL-3.0-or-later.',
    });

  // The renderer hears about successes through 'library-changed'; failures of a menu import are told here.
  const importFromMenu = async () => {
    try {
      const { results } = await handlers['library.importFromDialog'](undefined);
      const failed = results.flatMap((result) => (result.ok ? [] : [`${path.basename(result.path)}: ${result.error.message}`]));
      if (failed.length > 0) {
        await showMessage({ type: 'warning', title: 'Import', message: `${failed.length} of ${results.length} files could not be imported.`, detail: failed.join('\n') });
      }
    } catch (error) {
      dialog.showErrorBox('Import failed', toStudioError(error).message);
    }
  };

  const ownWindows = new WeakSet<BrowserWindow>();
  const createWindow = () => {
    mainWindow = openMainWindow({ location: appLocation, preloadPath: paths.preload, windowStateFile: paths.windowState, iconPath, devTools: isDev, register: (window) => ownWindows.add(window) });
    mainWindow.on('closed', () => (mainWindow = null));
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  // Defence in depth: openMainWindow checks its options (findWebPreferenceWeaknesses) before creating a window, so any
  // window it did not create (a popup that got past the window-open handler, a library opening its own) is closed.
  app.on('browser-window-created', (_event, window) => {
    if (ownWindows.has(window)) return;
    console.error('[security] closed a window Mouthpiece did not open itself');
    window.destroy();
  });
  app.on('second-instance', () => {
    if (!mainWindow) return createWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quitting pauses running renders (they go back in the queue and restart next time) and closes the library cleanly.
  app.on('before-quit', createQuitGuard({ prepare: () => engine.close(), quit: () => app.quit() }));

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, { location: appLocation, contentSecurityPolicy });
    session.defaultSession.protocol.handle(MEDIA_SCHEME, createMediaProtocolHandler({
        mediaRoot: paths.media,
        allowOrigin: appLocation.origin,
        thumbnails,
        renders: (name) => resolveRenderOutput(engine, name),
      }));
    session.defaultSession.protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir: paths.renderer, contentSecurityPolicy }));
    registerStudioIpc({ ipcMain, handlers, location: appLocation });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildAppMenuTemplate({
          appName: APP_NAME,
          isMac: process.platform === 'darwin',
          isDev,
          onImport: () => void importFromMenu(),
          onAbout: showAbout,
          onPageCommand: (command) => emit('menu', { command }),
        }),
      ),
    );
    createWindow();
    // Renders left queued (or interrupted) by the last run continue without waiting for the page to ask.
    void engine.renderQueue().catch((error: unknown) => console.warn('[render] the queue could not start:', error));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
}
