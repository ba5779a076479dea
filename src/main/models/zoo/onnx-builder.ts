/**
 * A small, typed way to write ONNX graphs with onnx-proto: named values, initializers from
 * typed arrays, nodes with attributes, and symbolic input dimensions. Opset 17 (LayerNormalization
 * is built in from 17).
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const OPSET = 17;
const FLOAT = 1;
const INT64 = 7;

type AttrValue = number | number[] | string | { f: number };

function attribute(name: string, value: AttrValue): InstanceType<typeof onnx.AttributeProto> {
  const A = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return onnx.AttributeProto.create({ name, type: A.STRING, s: new TextEncoder().encode(value) });
  if (Array.isArray(value)) return onnx.AttributeProto.create({ name, type: A.INTS, ints: value });
  if (typeof value === 'object') return onnx.AttributeProto.create({ name, type: A.FLOAT, f: value.f });
  return Number.isInteger(value) ? onnx.AttributeProto.create({ name, type: A.INT, i: value }) : onnx.AttributeProto.create({ name, type: A.FLOAT, f: value });
}

/** A float attribute, even when its value is whole (plain whole numbers become INT attributes). */
export const float = (v: number): { f: number } => ({ f: v });

function valueInfo(name: string, elemType: number, shape: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: shape.map((d) => (typeof d === 'number' ? onnx.TensorShapeProto.Dimension.create({ dimValue: d }) : onnx.TensorShapeProto.Dimension.create({ dimParam: d }))),
        }),
      }),
    }),
  });
}

export class GraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private counter = 0;

  constructor(private readonly name: string) {}

  /** A fresh value name with a readable prefix. */
  fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  input(name: string, shape: (number | string)[], type: 'float32' | 'int64' = 'float32'): string {
    this.inputs.push(valueInfo(name, type === 'int64' ? INT64 : FLOAT, shape));
    return name;
  }

  output(name: string, shape: (number | string)[]): void {
    this.outputs.push(valueInfo(name, FLOAT, shape));
  }

  weight(prefix: string, dims: number[], data: Float32Array): string {
    const name = this.fresh(prefix);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }));
    return name;
  }

  ints(prefix: string, values: number[]): string {
    const name = this.fresh(prefix);
    const data = BigInt64Array.from(values.map(BigInt));
    this.initializers.push(onnx.TensorProto.create({ name, dims: [values.length], dataType: INT64, rawData: new Uint8Array(data.buffer) }));
    return name;
  }

  scalar(prefix: string, value: number): string {
    return this.weight(prefix, [], Float32Array.of(value));
  }

  /** Adds a node and returns its (first) output name. */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, output = this.fresh(opType.toLowerCase())): string {
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        input: inputs,
        output: [output],
        name: output,
        attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
      }),
    );
    return output;
  }

  toBytes(meta: Record<string, string>): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'dyno zoo',
      producerVersion: meta.version ?? '',
      opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET })],
      metadataProps: Object.entries(meta).map(([key, value]) => onnx.StringStringEntryProto.create({ key, value })),
      graph: onnx.GraphProto.create({ name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs }),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
