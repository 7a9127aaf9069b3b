import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type INode = onnxProto.onnx.INodeProto;
type ITensor = onnxProto.onnx.ITensorProto;
type IValueInfo = onnxProto.onnx.IValueInfoProto;
type IAttribute = onnxProto.onnx.IAttributeProto;

export type AttrValue = number | string | number[] | { floats: number[] };

/** Accumulates an ONNX graph: nodes in order, initializers, inputs and outputs. */
export class OnnxGraphBuilder {
  private readonly nodes: INode[] = [];
  private readonly initializers: ITensor[] = [];
  private readonly inputs: IValueInfo[] = [];
  private readonly outputs: IValueInfo[] = [];
  private readonly usedNames = new Set<string>();

  /** A fresh tensor name derived from `base`, unique in this graph. */
  uniqueName(base: string): string {
    let name = base;
    for (let i = 1; this.usedNames.has(name); i++) name = `${base}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  /** Keeps `name` free for a later `addNode(..., { exactOutputName: true })`. */
  reserveName(name: string): void {
    this.usedNames.add(name);
  }

  addInput(name: string, dims: (number | string)[]): void {
    this.usedNames.add(name);
    this.inputs.push(floatValueInfo(name, dims));
  }

  addOutput(name: string, dims?: (number | string)[]): void {
    this.outputs.push(floatValueInfo(name, dims));
  }

  addFloatInitializer(base: string, dims: number[], values: ArrayLike<number>): string {
    const name = this.uniqueName(base);
    this.initializers.push(
      onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: toBytes(Float32Array.from(values)) }),
    );
    return name;
  }

  addInt64Initializer(base: string, values: number[]): string {
    const name = this.uniqueName(base);
    const raw = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push(onnx.TensorProto.create({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, rawData: toBytes(raw) }));
    return name;
  }

  /** Appends a node and returns the name of its (single) output. */
  addNode(
    opType: string,
    inputs: string[],
    outputBase: string,
    attrs: Record<string, AttrValue> = {},
    { exactOutputName = false } = {},
  ): string {
    const output = exactOutputName ? outputBase : this.uniqueName(outputBase);
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        name: this.uniqueName(`${output}/${opType}`),
        input: inputs,
        output: [output],
        attribute: Object.entries(attrs).map(([key, value]) => toAttribute(key, value)),
      }),
    );
    return output;
  }

  /** Serialises the model: IR 7, default opset 13 (what onnxruntime has supported for years). */
  encode(graphName: string, docString: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 7,
      producerName: 'mouthpiece-native-models',
      producerVersion: '1',
      docString,
      opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: 13 })],
      graph: onnx.GraphProto.create({
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      }),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function toBytes(array: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function floatValueInfo(name: string, dims?: (number | string)[]): IValueInfo {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: dims
          ? onnx.TensorShapeProto.create({
              dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
            })
          : undefined,
      }),
    }),
  });
}

function toAttribute(name: string, value: AttrValue): IAttribute {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { name, type: T.INT, i: value } : { name, type: T.FLOAT, f: value };
  }
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
  return { name, type: T.FLOATS, floats: value.floats };
}
