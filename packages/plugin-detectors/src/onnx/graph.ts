/**
 * A small builder for ONNX graphs on top of onnx-proto (the protobuf classes of onnx.proto).
 * Used by the tfjs-layers converter, the ResNet-50 generator of the benchmark and the tests'
 * hand-made graphs, so they all write models the same way.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX TensorProto.DataType codes used here. */
export const DT = { FLOAT: 1, UINT8: 2, INT64: 7 } as const;

export type AttrValue = number | readonly number[] | string | { floats: readonly number[] } | { int: number } | { float: number };

/** Opset 13: every op used here is stable there, and onnxruntime 1.30 runs it. */
export const OPSET = 13;

export class GraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private counter = 0;

  constructor(private readonly name: string) {}

  /** A fresh value name with a readable prefix. */
  fresh(prefix: string): string {
    return `${prefix}__${this.counter++}`;
  }

  /** Graph input; string dims are symbolic (e.g. 'N' for a dynamic batch). */
  input(name: string, dims: readonly (number | string)[], elemType: number = DT.FLOAT): string {
    this.inputs.push(valueInfo(name, dims, elemType));
    return name;
  }

  output(name: string, dims: readonly (number | string)[], elemType: number = DT.FLOAT): void {
    this.outputs.push(valueInfo(name, dims, elemType));
  }

  /** A float32 constant stored as an initializer. */
  constant(name: string, dims: readonly number[], values: Float32Array): string {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (values.length !== expected) throw new Error(`constant ${name}: ${values.length} values for dims [${dims.join(',')}]`);
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims: [...dims],
        dataType: DT.FLOAT,
        rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
      }),
    );
    return name;
  }

  constantInt64(name: string, values: readonly number[]): string {
    const buf = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push(
      onnx.TensorProto.create({ name, dims: [values.length], dataType: DT.INT64, rawData: new Uint8Array(buf.buffer) }),
    );
    return name;
  }

  /** Adds a node and returns its (first) output name. */
  node(opType: string, inputs: readonly string[], attrs: Record<string, AttrValue> = {}, outputs?: readonly string[]): string {
    const outs = outputs ?? [this.fresh(opType.toLowerCase())];
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        input: [...inputs],
        output: [...outs],
        name: this.fresh(`n_${opType}`),
        attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
      }),
    );
    return outs[0] as string;
  }

  /** Serialised ModelProto. */
  encode(docString = ''): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 7,
      opsetImport: [{ domain: '', version: OPSET }],
      producerName: 'semibench',
      docString,
      graph: onnx.GraphProto.create({
        name: this.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      }),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, dims: readonly (number | string)[], elemType: number) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });
}

// Array.isArray does not narrow readonly arrays.
function isList(value: AttrValue): value is readonly number[] {
  return Array.isArray(value);
}

function attribute(name: string, value: AttrValue) {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return onnx.AttributeProto.create({ name, type: T.STRING, s: new TextEncoder().encode(value) });
  if (typeof value === 'number') return onnx.AttributeProto.create({ name, type: T.INT, i: value });
  if (isList(value)) return onnx.AttributeProto.create({ name, type: T.INTS, ints: [...value] });
  if ('floats' in value) return onnx.AttributeProto.create({ name, type: T.FLOATS, floats: [...value.floats] });
  if ('int' in value) return onnx.AttributeProto.create({ name, type: T.INT, i: value.int });
  return onnx.AttributeProto.create({ name, type: T.FLOAT, f: value.float });
}
