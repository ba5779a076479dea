/**
 * Inputs (and expected outputs) from a folder: input_0.pb, input_1.pb … matched to the model's
 * inputs by the name stored in each file, else by position; or NAME.npy matched by input name.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as ort from 'onnxruntime-node';
import type { TensorInfo } from '../../shared/model';
import { readNpy, readTensorProto, type NamedTensor } from './tensor-files';
import { InputSpecError } from './inputs';

function numbered(dir: string, prefix: string): string[] {
  return readdirSync(dir)
    .filter((f) => new RegExp(`^${prefix}_\\d+\\.pb$`).test(f))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
}

function assign(declared: readonly { name: string }[], files: NamedTensor[], what: string, dir: string): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  const byName = new Map(files.filter((f) => f.name).map((f) => [f.name, f.tensor]));
  declared.forEach((d, i) => {
    const t = byName.get(d.name) ?? files[i]?.tensor;
    if (!t) throw new InputSpecError(`${dir} has no ${what} for '${d.name}' (expected ${what}_${i}.pb or ${d.name}.npy).`);
    out[d.name] = t;
  });
  return out;
}

export function readInputFiles(dir: string, inputs: readonly TensorInfo[]): Record<string, ort.Tensor> {
  if (!existsSync(dir)) throw new InputSpecError(`Inputs folder not found: ${dir}`);
  const pb = numbered(dir, 'input');
  if (pb.length > 0) return assign(inputs, pb.map((f) => readTensorProto(join(dir, f))), 'input', dir);
  const npy = inputs.flatMap((i) => {
    const file = join(dir, `${i.name.replace(/[/\\:]/g, '_')}.npy`);
    return existsSync(file) ? [readNpy(file, i.name)] : [];
  });
  if (npy.length === 0) throw new InputSpecError(`${dir} holds no input_N.pb files and no .npy files named after the model's inputs (${inputs.map((i) => i.name).join(', ')}).`);
  return assign(inputs, npy, 'input', dir);
}

export function readExpectedOutputs(dir: string, outputs: readonly { name: string }[]): Record<string, ort.Tensor> {
  const pb = numbered(dir, 'output');
  if (pb.length === 0) throw new InputSpecError(`--check-outputs needs output_N.pb files in ${dir}; none found.`);
  return assign(outputs, pb.map((f) => readTensorProto(join(dir, f))), 'output', dir);
}

/** The name (from the file, else `output_N`) and shape of each expected output in a test_data_set folder. */
export function expectedOutputShapes(dir: string): { name: string; dims: readonly number[] }[] {
  return numbered(dir, 'output').map((f, i) => {
    const { name, tensor } = readTensorProto(join(dir, f));
    return { name: name || `output_${i}`, dims: tensor.dims };
  });
}
