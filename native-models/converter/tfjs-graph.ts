import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** One node of a TF.js graph model (`model.json` → modelTopology.node). */
export interface TfNode {
  name: string;
  op: string;
  input: string[];
  attr: Record<string, TfAttr>;
}

export interface TfAttr {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  list?: { i?: (string | number)[]; s?: string[]; f?: number[] };
  type?: string;
  shape?: { dim?: { size: string }[] };
}

export interface TfWeight {
  name: string;
  dtype: 'float32' | 'int32';
  shape: number[];
  data: Float32Array | Int32Array;
}

export interface TfGraph {
  nodes: TfNode[];
  weights: Map<string, TfWeight>;
}

interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  quantization?: { dtype: 'float16' | 'uint8' | 'uint16'; scale?: number; min?: number };
}

/** Reads a TF.js graph model (model.json plus its weight shards) into plain arrays. */
export async function readTfjsGraph(modelJsonPath: string): Promise<TfGraph> {
  const json = JSON.parse(await readFile(modelJsonPath, 'utf8'));
  if (json.format !== 'graph-model') throw new Error(`${modelJsonPath}: not a TF.js graph model (format ${json.format})`);
  const weights = new Map<string, TfWeight>();
  for (const group of json.weightsManifest as { paths: string[]; weights: WeightEntry[] }[]) {
    const shards = await Promise.all(group.paths.map((p) => readFile(join(dirname(modelJsonPath), p))));
    const bytes = Buffer.concat(shards);
    let offset = 0;
    for (const entry of group.weights) {
      const count = entry.shape.reduce((a, b) => a * b, 1);
      const { data, byteLength } = decodeWeight(bytes, offset, count, entry);
      offset += byteLength;
      weights.set(entry.name, { name: entry.name, dtype: entry.dtype, shape: entry.shape, data });
    }
    if (offset !== bytes.length) throw new Error(`${modelJsonPath}: weight shards hold ${bytes.length} bytes, manifest describes ${offset}`);
  }
  const nodes: TfNode[] = (json.modelTopology.node as TfNode[]).map((n) => ({
    name: n.name,
    op: n.op,
    input: n.input ?? [],
    attr: n.attr ?? {},
  }));
  return { nodes, weights };
}

function decodeWeight(bytes: Buffer, offset: number, count: number, entry: WeightEntry): { data: Float32Array | Int32Array; byteLength: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  const q = entry.quantization;
  if (!q) {
    const out = entry.dtype === 'int32' ? new Int32Array(count) : new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = entry.dtype === 'int32' ? view.getInt32(i * 4, true) : view.getFloat32(i * 4, true);
    return { data: out, byteLength: count * 4 };
  }
  if (entry.dtype !== 'float32') throw new Error(`weight ${entry.name}: quantized ${entry.dtype} is not supported`);
  const out = new Float32Array(count);
  if (q.dtype === 'float16') {
    for (let i = 0; i < count; i++) out[i] = float16ToFloat32(view.getUint16(i * 2, true));
    return { data: out, byteLength: count * 2 };
  }
  const scale = q.scale ?? 1;
  const min = q.min ?? 0;
  const bytesPer = q.dtype === 'uint8' ? 1 : 2;
  for (let i = 0; i < count; i++) {
    const v = bytesPer === 1 ? view.getUint8(i) : view.getUint16(i * 2, true);
    out[i] = v * scale + min;
  }
  return { data: out, byteLength: count * bytesPer };
}

export function float16ToFloat32(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** TF.js stores string attributes base64-encoded. */
export function attrString(node: TfNode, key: string): string | undefined {
  const s = node.attr[key]?.s;
  return s === undefined ? undefined : Buffer.from(s, 'base64').toString('utf8');
}

export function attrStringList(node: TfNode, key: string): string[] {
  return (node.attr[key]?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));
}

export function attrIntList(node: TfNode, key: string): number[] {
  return (node.attr[key]?.list?.i ?? []).map(Number);
}

/** Strips the `:0` output suffix and `^` control-dependency marker from an input reference. */
export function inputName(ref: string): string {
  return ref.replace(/^\^/, '').replace(/:0$/, '');
}
