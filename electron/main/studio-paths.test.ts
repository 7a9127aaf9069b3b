import { describe, expect, it } from 'vitest';
import { toUnpackedPath } from './bundled-binaries';
import { resolveStudioPaths } from './studio-paths';

describe('resolveStudioPaths', () => {
  it('uses the project folder in development', () => {
    const paths = resolveStudioPaths({
      userDataDir: '/home/ana/.config/Mouthpiece',
      appPath: '/work/main',
      resourcesPath: '/unused',
      isPackaged: false,
      mainDir: '/work/main/out/main',
      ffmpeg: null,
      ffprobe: null,
    });
    expect(paths).toMatchObject({
      library: '/home/ana/.config/Mouthpiece/library',
      media: '/home/ana/.config/Mouthpiece/library/media',
      models: '/work/main/native-models/generated',
      modelsManifest: '/work/main/native-models/manifest.json',
      windowState: '/home/ana/.config/Mouthpiece/window-state.json',
      renderer: '/work/main/out/renderer',
      preload: '/work/main/out/preload/index.cjs',
      renderWorker: '/work/main/out/main/render-worker.js',
      samples: '/work/main/resources/samples',
    });
  });

  it('uses extraResources when packaged', () => {
    const paths = resolveStudioPaths({
      userDataDir: '/home/ana/.config/Mouthpiece',
      appPath: '/opt/Mouthpiece/resources/app.asar',
      resourcesPath: '/opt/Mouthpiece/resources',
      isPackaged: true,
      mainDir: '/opt/Mouthpiece/resources/app.asar/out/main',
      ffmpeg: '/opt/Mouthpiece/resources/app.asar.unpacked/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
      ffprobe: null,
    });
    expect(paths.models).toBe('/opt/Mouthpiece/resources/models');
    expect(paths.modelsManifest).toBe('/opt/Mouthpiece/resources/models/manifest.json');
    expect(paths.preload).toBe('/opt/Mouthpiece/resources/app.asar/out/preload/index.cjs');
    expect(paths.samples).toBe('/opt/Mouthpiece/resources/samples');
  });
});

describe('toUnpackedPath', () => {
  it('points binaries inside app.asar at app.asar.unpacked', () => {
    expect(toUnpackedPath('/opt/M/resources/app.asar/node_modules/@ffmpeg-installer/linux-x64/ffmpeg')).toBe(
      '/opt/M/resources/app.asar.unpacked/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
    );
    expect(toUnpackedPath('C:\\M\\resources\\app.asar\\node_modules\\x\\ffmpeg.exe')).toBe('C:\\M\\resources\\app.asar.unpacked\\node_modules\\x\\ffmpeg.exe');
    expect(toUnpackedPath('/work/main/node_modules/@ffmpeg-installer/linux-x64/ffmpeg')).toBe('/work/main/node_modules/@ffmpeg-installer/linux-x64/ffmpeg');
  });
});
