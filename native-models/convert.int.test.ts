/**
 * Proves each converted ONNX model computes what the original TF.js model computes: the same input
 * through TF.js (wasm backend) and through onnxruntime-node must agree to 1e-3 on every output.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-node';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModels, sourceFilesOf } from './build-models.js';
import { GENERATED_DIR, readManifest, sha256OfFile } from './model-manifest.js';
import { MODEL_SPECS } from './model-specs.js';

const TOLERANCE = 1e-3;

function seededInput(count: number, seed: number, lo: number, hi: number): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((state / 2 ** 32) * (hi - lo));
  }
  return out;
}

beforeAll(async () => {
  await buildModels({ log: () => {} });
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  setWasmPaths(`${wasmDir}/`);
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('converted face models', () => {
  it('every generated model matches the SHA-256 in the committed manifest', async () => {
    const manifest = await readManifest();
    expect(manifest.models.map((m) => m.name).sort()).toEqual(MODEL_SPECS.map((s) => s.name).sort());
    for (const entry of manifest.models) {
      expect(await sha256OfFile(join(GENERATED_DIR, entry.file))).toBe(entry.sha256);
    }
  });

  for (const spec of MODEL_SPECS) {
    it(`${spec.name}: ONNX matches TF.js to ${TOLERANCE}`, async () => {
      const [modelJson, ...shards] = await sourceFilesOf(spec);
      const json = JSON.parse(await readFile(modelJson, 'utf8'));
      const weightData = Buffer.concat(await Promise.all(shards.map((s) => readFile(s))));
      const tfModel = await loadGraphModel(
        tf.io.fromMemory({
          modelTopology: json.modelTopology,
          weightSpecs: json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights),
          weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
        }),
      );
      const batch = spec.inputDims[0] === 'batch' ? 2 : 1;
      const dims = spec.inputDims.map((d) => (d === 'batch' ? batch : d));
      const count = dims.reduce((a, b) => a * b, 1);
      const [lo, hi] = spec.name === 'blazeface' ? [-1, 1] : [0, 1];
      const input = seededInput(count, 42, lo, hi);

      const tfOut = tfModel.execute(tf.tensor(input, dims), spec.outputs.map((o) => `${o.tfName}:0`));
      const tfTensors = Array.isArray(tfOut) ? tfOut : [tfOut];
      const session = await ort.InferenceSession.create(join(GENERATED_DIR, `${spec.name}.onnx`));
      const onnxOut = await session.run({ [spec.inputName]: new ort.Tensor('float32', input, dims) });

      spec.outputs.forEach((o, i) => {
        const expected = tfTensors[i].dataSync() as Float32Array;
        const actual = onnxOut[o.onnxName].data as Float32Array;
        expect(Array.from(onnxOut[o.onnxName].dims)).toEqual(tfTensors[i].shape);
        let maxAbs = 0;
        for (let k = 0; k < expected.length; k++) maxAbs = Math.max(maxAbs, Math.abs(expected[k] - actual[k]));
        expect(maxAbs, `${spec.name}.${o.onnxName} max |TF.js − ONNX|`).toBeLessThanOrEqual(TOLERANCE);
        // A model that outputs constants would pass the comparison trivially; make sure it computes something.
        expect(new Set(Array.from(actual.slice(0, 64)).map((v) => v.toFixed(4))).size).toBeGreaterThan(1);
      });
      tfTensors.forEach((t) => t.dispose());
      await session.release();
    });
  }
});
