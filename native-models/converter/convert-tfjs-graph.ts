import { OnnxGraphBuilder } from './onnx-builder.js';
import { attrIntList, attrString, attrStringList, inputName, type TfGraph, type TfNode, type TfWeight } from './tfjs-graph.js';

/**
 * Converts a TF.js graph model (NHWC, TensorFlow op set) into an ONNX graph (NCHW inside).
 *
 * The ONNX model keeps the TF.js interface: one NHWC float input and the named outputs in TF.js layout,
 * so callers feed and read exactly what the original model takes and gives. Activations are kept NCHW
 * internally (what ONNX convolution kernels expect) and transposed back only where layout is observable:
 * before a Reshape, and at the outputs.
 */
export interface ConvertOptions {
  graphName: string;
  /** Graph input name in the ONNX model. */
  inputName: string;
  /** NHWC input dimensions; a string is a symbolic (batch) dimension. */
  inputDims: (number | string)[];
  /** TF tensor names to expose, with the ONNX output name each gets. */
  outputs: { tfName: string; onnxName: string }[];
  docString: string;
}

type Layout = 'NCHW' | 'plain';
interface Value {
  name: string;
  layout: Layout;
}

const NHWC_TO_NCHW_AXIS = [0, 2, 3, 1];

export function convertTfjsGraphToOnnx(graph: TfGraph, options: ConvertOptions): Uint8Array {
  const b = new OnnxGraphBuilder();
  for (const out of options.outputs) b.reserveName(out.onnxName);
  const values = new Map<string, Value>();
  const nodesByName = new Map(graph.nodes.map((n) => [n.name, n]));

  const weightOf = (ref: string): TfWeight => {
    const w = graph.weights.get(inputName(ref));
    if (!w) throw new Error(`${options.graphName}: ${ref} is not a constant`);
    return w;
  };
  const valueOf = (ref: string): Value => {
    const v = values.get(inputName(ref));
    if (!v) throw new Error(`${options.graphName}: ${ref} used before it is computed`);
    return v;
  };
  const asPlain = (v: Value, base: string): string =>
    v.layout === 'NCHW' ? b.addNode('Transpose', [v.name], `${base}/nhwc`, { perm: [0, 2, 3, 1] }) : v.name;

  for (const node of topologicalOrder(graph.nodes, nodesByName)) {
    const set = (name: string, layout: Layout) => values.set(node.name, { name, layout });
    switch (node.op) {
      case 'Const':
        break;
      case 'Placeholder': {
        b.addInput(options.inputName, options.inputDims);
        set(b.addNode('Transpose', [options.inputName], 'input/nchw', { perm: [0, 3, 1, 2] }), 'NCHW');
        break;
      }
      case 'Identity':
        values.set(node.name, valueOf(node.input[0]));
        break;
      case '_FusedConv2D':
      case 'Conv2D':
      case 'DepthwiseConv2dNative': {
        set(convertConvolution(b, node, valueOf(node.input[0]), (i) => weightOf(node.input[i])), 'NCHW');
        break;
      }
      case 'AddV2':
      case 'Add': {
        const [x, y] = node.input.map((ref) => (graph.weights.has(inputName(ref)) ? null : valueOf(ref)));
        if (x && y) {
          if (x.layout !== y.layout) throw new Error(`${node.name}: adding tensors of different layouts`);
          set(b.addNode('Add', [x.name, y.name], node.name), x.layout);
        } else {
          const v = (x ?? y) as Value;
          const c = weightOf(node.input[x ? 1 : 0]);
          const cName = b.addFloatInitializer(`${node.name}/c`, channelBroadcastDims(c, v.layout), c.data);
          set(b.addNode('Add', [v.name, cName], node.name), v.layout);
        }
        break;
      }
      case 'Relu':
      case 'Sigmoid': {
        const v = valueOf(node.input[0]);
        set(b.addNode(node.op, [v.name], node.name), v.layout);
        break;
      }
      case 'Prelu': {
        const v = valueOf(node.input[0]);
        const alpha = weightOf(node.input[1]);
        const slope = b.addFloatInitializer(`${node.name}/alpha`, channelBroadcastDims(alpha, v.layout), alpha.data);
        set(b.addNode('PRelu', [v.name, slope], node.name), v.layout);
        break;
      }
      case 'MaxPool': {
        const v = valueOf(node.input[0]);
        requireNhwc(node);
        const [, kh, kw] = attrIntList(node, 'ksize');
        const [, sh, sw] = attrIntList(node, 'strides');
        set(b.addNode('MaxPool', [v.name], node.name, { kernel_shape: [kh, kw], strides: [sh, sw], ...autoPad(node) }), v.layout);
        break;
      }
      case 'Pad': {
        const v = valueOf(node.input[0]);
        const p = Array.from(weightOf(node.input[1]).data);
        const rank = p.length / 2;
        const order = v.layout === 'NCHW' ? [0, 3, 1, 2] : [...Array(rank).keys()];
        const begins = order.map((axis) => p[axis * 2]);
        const ends = order.map((axis) => p[axis * 2 + 1]);
        const pads = b.addInt64Initializer(`${node.name}/pads`, [...begins, ...ends]);
        set(b.addNode('Pad', [v.name, pads], node.name, { mode: 'constant' }), v.layout);
        break;
      }
      case 'Reshape': {
        const v = valueOf(node.input[0]);
        const shape = b.addInt64Initializer(`${node.name}/shape`, Array.from(weightOf(node.input[1]).data));
        set(b.addNode('Reshape', [asPlain(v, node.name), shape], node.name), 'plain');
        break;
      }
      case 'ConcatV2': {
        const parts = node.input.slice(0, -1).map(valueOf);
        const axis = Number(weightOf(node.input[node.input.length - 1]).data[0]);
        const allNchw = parts.every((p) => p.layout === 'NCHW');
        const names = allNchw ? parts.map((p) => p.name) : parts.map((p) => asPlain(p, node.name));
        const onnxAxis = allNchw ? NHWC_TO_NCHW_AXIS[axis < 0 ? axis + 4 : axis] : axis;
        set(b.addNode('Concat', names, node.name, { axis: onnxAxis }), allNchw ? 'NCHW' : 'plain');
        break;
      }
      default:
        throw new Error(`${options.graphName}: TF op ${node.op} (${node.name}) is not supported by the converter`);
    }
  }

  for (const out of options.outputs) {
    const v = valueOf(out.tfName);
    b.addNode('Identity', [asPlain(v, out.onnxName)], out.onnxName, {}, { exactOutputName: true });
    b.addOutput(out.onnxName);
  }
  return b.encode(options.graphName, options.docString);
}

function convertConvolution(b: OnnxGraphBuilder, node: TfNode, x: Value, weight: (inputIndex: number) => TfWeight): string {
  if (x.layout !== 'NCHW') throw new Error(`${node.name}: convolution input is not an image tensor`);
  requireNhwc(node);
  const filter = weight(1);
  const [kh, kw, inC, outOrMult] = filter.shape;
  const depthwise = node.op === 'DepthwiseConv2dNative';
  const outC = depthwise ? inC * outOrMult : outOrMult;
  const w = new Float32Array(outC * (depthwise ? 1 : inC) * kh * kw);
  // TF filters are [kh, kw, in, out] (depthwise: [kh, kw, in, multiplier]); ONNX wants [out, in/group, kh, kw].
  for (let y = 0; y < kh; y++)
    for (let xk = 0; xk < kw; xk++)
      for (let c = 0; c < inC; c++)
        for (let o = 0; o < outOrMult; o++) {
          const src = ((y * kw + xk) * inC + c) * outOrMult + o;
          const dst = depthwise ? ((c * outOrMult + o) * kh + y) * kw + xk : ((o * inC + c) * kh + y) * kw + xk;
          w[dst] = filter.data[src];
        }
  const wName = b.addFloatInitializer(`${node.name}/W`, depthwise ? [outC, 1, kh, kw] : [outC, inC, kh, kw], w);
  const fused = node.op === '_FusedConv2D' ? attrStringList(node, 'fused_ops') : [];
  const inputs = [x.name, wName];
  if (fused[0] === 'BiasAdd') {
    const bias = weight(2);
    inputs.push(b.addFloatInitializer(`${node.name}/B`, [outC], bias.data));
  } else if (fused.length > 0) {
    throw new Error(`${node.name}: fused ops ${fused.join('+')} are not supported`);
  }
  const [, sh, sw] = attrIntList(node, 'strides');
  const dil = attrIntList(node, 'dilations');
  const conv = b.addNode('Conv', inputs, node.name, {
    kernel_shape: [kh, kw],
    strides: [sh, sw],
    dilations: dil.length === 4 ? [dil[1], dil[2]] : [1, 1],
    group: depthwise ? inC : 1,
    ...autoPad(node),
  });
  const activation = fused[1];
  if (activation === undefined) return conv;
  if (activation === 'Relu') return b.addNode('Relu', [conv], `${node.name}/relu`);
  if (activation === 'Relu6') {
    const lo = b.addFloatInitializer(`${node.name}/lo`, [], [0]);
    const hi = b.addFloatInitializer(`${node.name}/hi`, [], [6]);
    return b.addNode('Clip', [conv, lo, hi], `${node.name}/relu6`);
  }
  if (activation === 'Prelu') {
    const alpha = weight(3);
    const slope = b.addFloatInitializer(`${node.name}/alpha`, channelBroadcastDims(alpha, 'NCHW'), alpha.data);
    return b.addNode('PRelu', [conv, slope], `${node.name}/prelu`);
  }
  throw new Error(`${node.name}: fused activation ${activation} is not supported`);
}

/** TF SAME padding puts the odd extra pixel at the end, which is ONNX's SAME_UPPER. */
function autoPad(node: TfNode): { auto_pad: string } {
  const padding = attrString(node, 'padding');
  if (padding === 'SAME') return { auto_pad: 'SAME_UPPER' };
  if (padding === 'VALID') return { auto_pad: 'VALID' };
  throw new Error(`${node.name}: padding ${padding} is not supported`);
}

function requireNhwc(node: TfNode): void {
  const format = attrString(node, 'data_format') ?? 'NHWC';
  if (format !== 'NHWC') throw new Error(`${node.name}: data format ${format} is not supported`);
}

/** A per-channel constant of C values broadcasts over NCHW as [C, 1, 1]; anything else keeps its shape. */
function channelBroadcastDims(c: TfWeight, layout: Layout): number[] {
  const count = c.data.length;
  const lastDim = c.shape[c.shape.length - 1] ?? 1;
  if (layout === 'NCHW' && count === lastDim) return [count, 1, 1];
  if (layout === 'NCHW' && count !== 1) throw new Error(`constant of shape [${c.shape}] cannot broadcast over NCHW`);
  return c.shape;
}

function topologicalOrder(nodes: TfNode[], byName: Map<string, TfNode>): TfNode[] {
  const order: TfNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: TfNode) => {
    const s = state.get(node.name);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`cycle at ${node.name}`);
    state.set(node.name, 'visiting');
    for (const ref of node.input) {
      const dep = byName.get(inputName(ref));
      if (dep) visit(dep);
    }
    state.set(node.name, 'done');
    order.push(node);
  };
  nodes.forEach(visit);
  return order;
}
