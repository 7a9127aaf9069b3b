/**
 * Build step (runs after `npm ci`): converts the face models shipped as TF.js graphs in
 * `@vladmandic/human` into ONNX files under native-models/generated/, and checks each result against
 * the SHA-256 recorded in native-models/manifest.json. Skips models whose source and output are
 * unchanged. `--update-manifest` records new hashes (after a deliberate converter or source change).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { convertTfjsGraphToOnnx } from './converter/convert-tfjs-graph.js';
import { readTfjsGraph } from './converter/tfjs-graph.js';
import { GENERATED_DIR, MANIFEST_PATH, readManifest, sha256OfFile, sha256OfFiles, type ManifestEntry } from './model-manifest.js';
import { MODEL_SPECS, type ModelSpec } from './model-specs.js';

const STAMP_PATH = join(GENERATED_DIR, 'stamp.json');

export function resolvePackageDir(packageName: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(packageName));
  while (!existsSync(join(dir, 'package.json')) || !dir.includes(packageName.split('/').pop() as string)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot locate the ${packageName} package directory`);
    dir = parent;
  }
  return dir;
}

export async function sourceFilesOf(spec: ModelSpec): Promise<string[]> {
  const modelJson = join(resolvePackageDir(spec.sourcePackage), spec.sourceModelJson);
  const json = JSON.parse(await readFile(modelJson, 'utf8'));
  const shards = (json.weightsManifest as { paths: string[] }[]).flatMap((g) => g.paths.map((p) => join(dirname(modelJson), p)));
  return [modelJson, ...shards];
}

async function buildModel(spec: ModelSpec, updateManifest: boolean, recorded: ManifestEntry | undefined, stamp: Record<string, string>) {
  const sources = await sourceFilesOf(spec);
  const sourceSha256 = await sha256OfFiles(sources);
  const outPath = join(GENERATED_DIR, `${spec.name}.onnx`);
  if (!updateManifest && recorded && recorded.sourceSha256 !== sourceSha256) {
    throw new Error(
      `${spec.name}: the source model in ${spec.sourcePackage} changed (sha256 ${sourceSha256}, manifest has ${recorded.sourceSha256}). ` +
        'Re-run the conversion test, then `npm run build:models -- --update-manifest`.',
    );
  }
  if (stamp[spec.name] === sourceSha256 && existsSync(outPath) && recorded && (await sha256OfFile(outPath)) === recorded.sha256) {
    return { entry: recorded, built: false };
  }
  const graph = await readTfjsGraph(sources[0]);
  const bytes = convertTfjsGraphToOnnx(graph, {
    graphName: spec.name,
    inputName: spec.inputName,
    inputDims: spec.inputDims,
    outputs: spec.outputs,
    docString: `${spec.description}. Converted from ${spec.sourcePackage}/${spec.sourceModelJson} by Mouthpiece. ${spec.license}.`,
  });
  const tmp = `${outPath}.tmp-${process.pid}`;
  await writeFile(tmp, bytes);
  const sha256 = await sha256OfFile(tmp);
  if (!updateManifest && recorded && recorded.sha256 !== sha256) {
    throw new Error(`${spec.name}: converted model hashes to ${sha256} but the manifest records ${recorded.sha256}; the conversion is not reproducible here.`);
  }
  await rename(tmp, outPath);
  stamp[spec.name] = sourceSha256;
  const entry: ManifestEntry = {
    name: spec.name,
    file: `${spec.name}.onnx`,
    sha256,
    bytes: bytes.byteLength,
    sourceSha256,
    source: `${spec.sourcePackage}/${spec.sourceModelJson}`,
    license: spec.license,
    description: spec.description,
  };
  return { entry, built: true };
}

export async function buildModels({ updateManifest = false, log = console.log } = {}): Promise<ManifestEntry[]> {
  await mkdir(GENERATED_DIR, { recursive: true });
  const manifest = await readManifest();
  const stamp: Record<string, string> = existsSync(STAMP_PATH) ? JSON.parse(await readFile(STAMP_PATH, 'utf8')) : {};
  const entries: ManifestEntry[] = [];
  for (const spec of MODEL_SPECS) {
    const started = Date.now();
    const recorded = manifest.models.find((m) => m.name === spec.name);
    const { entry, built } = await buildModel(spec, updateManifest, recorded, stamp);
    entries.push(entry);
    log(`${spec.name}: ${built ? `converted in ${Date.now() - started} ms` : 'up to date'} (${entry.bytes} bytes, sha256 ${entry.sha256.slice(0, 12)}…)`);
  }
  await writeFile(STAMP_PATH, JSON.stringify(stamp, null, 2));
  if (updateManifest || manifest.models.length === 0) {
    await writeFile(MANIFEST_PATH, `${JSON.stringify({ converter: '1', models: entries }, null, 2)}\n`);
    log(`wrote ${MANIFEST_PATH}`);
  }
  return entries;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string)) {
  buildModels({ updateManifest: process.argv.includes('--update-manifest') }).catch((error) => {
    console.error(`native-models: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
