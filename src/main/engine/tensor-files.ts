/**
 * Reads tensors from files: ONNX TensorProto (.pb, the format of ONNX's backend tests and
 * onnxruntime_perf_test's test_data_set_N folders) and NumPy .npy (format versions 1–3).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export class TensorFileError extends Error {}

/** ONNX TensorProto.DataType → ORT element type and bytes per element. */
const ONNX_TYPES: Record<number, { type: ort.Tensor.Type; bytes: number }> = {
  1: { type: 'float32', bytes: 4 },
  2: { type: 'uint8', bytes: 1 },
  3: { type: 'int8', bytes: 1 },
  4: { type: 'uint16', bytes: 2 },
  5: { type: 'int16', bytes: 2 },
  6: { type: 'int32', bytes: 4 },
  7: { type: 'int64', bytes: 8 },
  9: { type: 'bool', bytes: 1 },
  10: { type: 'float16', bytes: 2 },
  11: { type: 'float64', bytes: 8 },
  12: { type: 'uint32', bytes: 4 },
  13: { type: 'uint64', bytes: 8 },
};

/** ORT's name of an ONNX element type code (e.g. 1 → "float32"); undefined for types ORT cannot feed. */
export function elementTypeName(code: number): string | undefined {
  return ONNX_TYPES[code]?.type;
}

type Numeric = number | { toNumber(): number } | { low: number; high: number; unsigned: boolean };

/** protobufjs gives int64 fields as Long objects when the long package is present. */
export function toNumber(v: Numeric): number {
  if (typeof v === 'number') return v;
  if ('toNumber' in v) return v.toNumber();
  return v.high * 2 ** 32 + (v.low >>> 0);
}

function typedFromBytes(type: ort.Tensor.Type, bytes: Uint8Array) {
  // Copy into a fresh, aligned buffer: the decoded bytes are a view into the file's buffer
  // (Buffer#slice does not copy), at any offset.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const buf = copy.buffer;
  switch (type) {
    case 'float32': return new Float32Array(buf);
    case 'float64': return new Float64Array(buf);
    case 'int8': return new Int8Array(buf);
    case 'uint8': case 'bool': return new Uint8Array(buf);
    case 'int16': return new Int16Array(buf);
    case 'uint16': case 'float16': return new Uint16Array(buf);
    case 'int32': return new Int32Array(buf);
    case 'uint32': return new Uint32Array(buf);
    case 'int64': return new BigInt64Array(buf);
    case 'uint64': return new BigUint64Array(buf);
    default: throw new TensorFileError(`element type ${type} is not supported in tensor files`);
  }
}

export interface NamedTensor {
  name: string;
  tensor: ort.Tensor;
}

export function readTensorProto(path: string): NamedTensor {
  let t: InstanceType<typeof onnx.TensorProto>;
  try {
    t = onnx.TensorProto.decode(readFileSync(path));
  } catch (err) {
    throw new TensorFileError(`${path} is not an ONNX TensorProto file (${(err as Error).message})`);
  }
  return { name: t.name ?? '', tensor: tensorFromProto(t, path) };
}

/** An ORT tensor from a decoded TensorProto (raw bytes or typed fields); `where` names it in errors. */
export function tensorFromProto(t: onnxProto.onnx.ITensorProto, where: string): ort.Tensor {
  const info = ONNX_TYPES[t.dataType ?? 0];
  if (!info) throw new TensorFileError(`${where}: ONNX data type ${t.dataType} is not supported`);
  const dims = (t.dims ?? []).map((d) => toNumber(d as Numeric));
  const count = dims.reduce((a, b) => a * b, 1);
  let data: ort.Tensor.DataType;
  if (t.rawData && t.rawData.length > 0) {
    if (t.rawData.length !== count * info.bytes) throw new TensorFileError(`${where}: ${t.rawData.length} bytes of data for shape [${dims}] of ${info.type}`);
    data = typedFromBytes(info.type, t.rawData);
  } else if (info.type === 'float32') data = Float32Array.from(t.floatData ?? []);
  else if (info.type === 'float64') data = Float64Array.from(t.doubleData ?? []);
  else if (info.type === 'int64') data = BigInt64Array.from(t.int64Data ?? [], (v) => BigInt(toNumber(v as Numeric)));
  else if (info.type === 'uint64') data = BigUint64Array.from(t.uint64Data ?? [], (v) => BigInt(toNumber(v as Numeric)));
  else if (info.type === 'int32') data = Int32Array.from(t.int32Data ?? []);
  else data = typedFromBytes(info.type, Uint8Array.from(t.int32Data ?? [])); // small ints and bool are stored in int32_data
  return new ort.Tensor(info.type, data as never, dims);
}

const NPY_TYPES: Record<string, ort.Tensor.Type> = {
  '<f4': 'float32', '<f8': 'float64', '<f2': 'float16', '|i1': 'int8', '|u1': 'uint8', '|b1': 'bool',
  '<i2': 'int16', '<u2': 'uint16', '<i4': 'int32', '<u4': 'uint32', '<i8': 'int64', '<u8': 'uint64',
};

export function readNpy(path: string, name: string): NamedTensor {
  const buf = readFileSync(path);
  if (buf.length < 10 || buf.toString('latin1', 0, 6) !== '\x93NUMPY') throw new TensorFileError(`${path} is not a .npy file`);
  const major = buf[6] ?? 0;
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString(major === 3 ? 'utf8' : 'latin1', start, start + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shapeText === undefined) throw new TensorFileError(`${path}: unreadable .npy header`);
  if (fortran) throw new TensorFileError(`${path}: Fortran-ordered arrays are not supported; save with np.ascontiguousarray`);
  const type = NPY_TYPES[descr];
  if (!type) throw new TensorFileError(`${path}: dtype ${descr} is not supported (little-endian numeric and bool only)`);
  const dims = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  return { name, tensor: new ort.Tensor(type, typedFromBytes(type, buf.subarray(start + headerLen)) as never, dims) };
}

/** Writes a tensor as an ONNX TensorProto file (raw little-endian data), the format readTensorProto reads. */
export function writeTensorProto(path: string, name: string, tensor: ort.Tensor): void {
  const entry = Object.entries(ONNX_TYPES).find(([, t]) => t.type === tensor.type);
  if (!entry || typeof tensor.data === 'string' || Array.isArray(tensor.data)) throw new TensorFileError(`${name}: element type ${tensor.type} cannot be written as a tensor file`);
  const data = tensor.data as ArrayBufferView;
  const rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const proto = onnx.TensorProto.create({ name, dims: [...tensor.dims], dataType: Number(entry[0]), rawData });
  writeFileSync(path, onnx.TensorProto.encode(proto).finish());
}
