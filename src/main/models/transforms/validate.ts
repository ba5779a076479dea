/**
 * A transformed model is only a result once ONNX Runtime loads and runs it: the candidate and
 * the original run on the same inputs (given, or seeded random) and their outputs are compared
 * with the shared fidelity measures.
 */
import * as ort from 'onnxruntime-node';
import { fromFloat16Bits } from '../../../shared/float16';
import { measureFidelity, type Fidelity, type OutputValues } from '../../../shared/fidelity';
import type { TensorInfo } from '../../../shared/model';
import { readInputFiles } from '../../engine/input-files';
import { InputSpecError, makeFeeds, normalizeDim } from '../../engine/inputs';
import { TransformError } from './onnx-model';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface FeedOptions {
  /** A folder of input_N.pb / NAME.npy files; else seeded random inputs. */
  inputs?: string;
  /** Values of symbolic dimensions; any not given is 1. */
  dims?: Readonly<Record<string, number>>;
  seed?: number;
}

/** Why ONNX Runtime refused a model, with the node it names when it names one. */
export interface LoadFailure {
  message: string;
  node?: string;
  op?: string;
}

export function loadFailure(err: unknown): LoadFailure {
  const raw = err instanceof Error ? err.message : String(err);
  const message = (raw.split('\n')[0] ?? raw).replace(/^\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*\w+\s*:\s*/, '').trim();
  // "In Node, ("name", Op, "", -1) : …" and "… of operator (Op) in node (name) is invalid" (type
  // checks), or "… node with name 'name'" (kernel lookup).
  const inNode = /In Node, \("([^"]*)", (\w+),/.exec(raw);
  if (inNode) return { message, node: inNode[1] ?? '', op: inNode[2] ?? '' };
  const typeError = /of operator \((\w+)\) in node \(([^)]*)\)/.exec(raw);
  if (typeError) return { message, node: typeError[2] ?? '', op: typeError[1] ?? '' };
  const kernel = /implementation for (\w+)\(\d+\) node with name '([^']*)'/.exec(raw);
  if (kernel) return { message, node: kernel[2] ?? '', op: kernel[1] ?? '' };
  return { message };
}

export async function openSession(model: Uint8Array | string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(model as Uint8Array, { logSeverityLevel: 3 });
}

export function inputInfo(session: ort.InferenceSession): TensorInfo[] {
  return session.inputMetadata.map((m) => ({ name: m.name, type: m.isTensor ? m.type : 'unknown', shape: m.isTensor ? m.shape.map(normalizeDim) : [] }));
}

/** The calibration sets in `dir`: each test_data_set_N folder (onnxruntime_perf_test's layout), or `dir` itself. */
export function calibrationFolders(dir: string): string[] {
  if (!existsSync(dir)) throw new InputSpecError(`Calibration folder not found: ${dir}`);
  const sets = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^test_data_set_\d+$/.test(e.name))
    .map((e) => join(dir, e.name))
    .sort((a, b) => Number(/\d+$/.exec(a)?.[0]) - Number(/\d+$/.exec(b)?.[0]));
  return sets.length > 0 ? sets : [dir];
}

export function calibrationSets(dir: string, inputs: readonly TensorInfo[]): Record<string, ort.Tensor>[] {
  return calibrationFolders(dir).map((d) => readInputFiles(d, inputs));
}

export function feedsFor(session: ort.InferenceSession, o: FeedOptions): Record<string, ort.Tensor> {
  const inputs = inputInfo(session);
  if (o.inputs) return readInputFiles(o.inputs, inputs);
  const dims: Record<string, number> = {};
  const shapes: Record<string, number[]> = {};
  for (const i of inputs) {
    for (const d of i.shape) if (typeof d === 'string' && d !== '?') dims[d] = o.dims?.[d] ?? 1;
    if (i.shape.includes('?')) shapes[i.name] = i.shape.map((d) => (typeof d === 'number' ? d : d === '?' ? 1 : (dims[d] as number)));
  }
  return makeFeeds(inputs, { dims, shapes }, o.seed ?? 1).feeds;
}

function values(name: string, t: ort.Tensor): OutputValues {
  const d = t.data;
  const data = t.type === 'float16' ? Array.from(d as Uint16Array, fromFloat16Bits) : d instanceof BigInt64Array || d instanceof BigUint64Array ? Array.from(d, Number) : (d as ArrayLike<number>);
  return { name, dims: t.dims, data };
}

export async function runOutputs(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>): Promise<OutputValues[]> {
  const results = await session.run(feeds);
  return session.outputNames.map((n) => values(n, results[n] as ort.Tensor));
}

/**
 * Runs the original and the candidate on the same inputs and compares their outputs. Inputs
 * that do not suit the model are the caller's error; a candidate that fails to run is the
 * transform's, and says so.
 */
export async function compareModels(original: ort.InferenceSession, candidate: ort.InferenceSession, o: FeedOptions, kind: string): Promise<Fidelity> {
  const feeds = feedsFor(original, o);
  let reference: OutputValues[];
  try {
    reference = await runOutputs(original, feeds);
  } catch (err) {
    throw new InputSpecError(`The original model does not run on these inputs, so nothing can be compared: ${loadFailure(err).message}`);
  }
  try {
    return measureFidelity(reference, await runOutputs(candidate, feeds));
  } catch (err) {
    throw new TransformError(`${kind}: the transformed model loads but does not run: ${loadFailure(err).message}`);
  }
}
