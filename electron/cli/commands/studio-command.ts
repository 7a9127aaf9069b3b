import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startStudioBridge } from '../../bridge/start-studio-bridge.js';
import { InputError } from '../../engine/errors.js';
import type { CommandContext } from '../command-context.js';
import { defaultLibraryDir, defaultModelPaths, defaultSamplesDir, findPackageRoot, packageVersion } from '../../engine/install-layout.js';

export const STUDIO_USAGE = `mouthpiece studio [--library DIR] [--port N] [--renderer DIR] [--json]

  Serves the studio to a web browser on this computer only (127.0.0.1), with the real engine behind it.
  Prints the address to open; it carries a random token that every request must show. Ctrl-C stops it
  (a running render is put back in the queue and continues next time).

  --library DIR   the library to open (default: the app's own, ${defaultLibraryDir()})
  --port N        port to listen on (default: a free one)
  --renderer DIR  the built studio page (default: out/renderer of this installation)
  --json          print {"url": …} as JSON instead of a sentence`;

export async function runStudioCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { library: { type: 'string' }, port: { type: 'string' }, renderer: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return ctx.out(STUDIO_USAGE);
  if (positionals.length > 0) throw new InputError('BAD_ARGUMENT', `studio takes no file arguments (got "${positionals[0]}"). Run \`mouthpiece studio --help\`.`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError('BAD_ARGUMENT', `--port must be a whole number from 0 to 65535, not "${values.port}".`);
  const rendererDir = path.resolve(values.renderer ?? path.join(findPackageRoot(), 'out', 'renderer'));
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new InputError('BAD_ARGUMENT', `${rendererDir}: the studio page is not built. Run \`npm run studio:web\` (it builds first) or \`npx electron-vite build\`.`);
  }

  const bridge = await startStudioBridge({
    libraryDir: path.resolve(values.library ?? defaultLibraryDir()),
    rendererDir,
    port,
    ...defaultModelPaths(),
    samplesDir: defaultSamplesDir(),
    ffmpegPath: process.env.MOUTHPIECE_FFMPEG,
    ffprobePath: process.env.MOUTHPIECE_FFPROBE,
    version: packageVersion(),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  ctx.out(values.json ? JSON.stringify({ url: bridge.url }) : `Mouthpiece studio is open at ${bridge.url}\n(only this computer can reach it; Ctrl-C stops it)`);
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) return resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await bridge.close();
}
