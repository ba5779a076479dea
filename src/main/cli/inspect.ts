/** `dyno inspect`: a model's interface and what its file says (opsets, operators, parameters). */
import { resolve } from 'node:path';
import { formatBytes, formatFlops } from '../../shared/format';
import { formatShape, type ModelInfo } from '../../shared/model';
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { outputFormat, type OutputFlags } from './output-options';

export interface InspectFlags extends OutputFlags {
  flops: boolean;
  dim: Record<string, number>;
  shape: Record<string, number[]>;
  batch?: number;
}

function human(info: ModelInfo, flops?: number): string {
  const d = info.details;
  const rows = (kind: string, list: typeof info.inputs) => list.map((t) => `  ${kind.padEnd(7)} ${t.name.padEnd(24)} ${t.type.padEnd(8)} ${formatShape(t.shape)}`);
  return [
    `${info.fileName} (${formatBytes(info.sizeBytes)})  IR ${d.irVersion}, ${d.opsets.map((o) => `${o.domain} ${o.version}`).join(', ')}, by ${d.producer}`,
    ...rows('input', info.inputs),
    ...rows('output', info.outputs),
    `  ${d.nodeCount} nodes, ${d.parameterCount.toLocaleString('en-US')} stored parameters (${formatBytes(d.parameterBytes)})${flops !== undefined ? `, ${formatFlops(flops)} per inference` : ''}`,
    `  operators: ${d.opHistogram.map((h) => `${h.op}×${h.count}`).join(' ')}`,
    ...Object.entries(d.metadata).map(([k, v]) => `  metadata ${k}: ${v}`),
  ].join('\n');
}

export async function inspect(model: string, o: InspectFlags): Promise<number> {
  const json = outputFormat(o) === 'json';
  const handle = createCliStudio();
  const api = createInProcessApi(handle.studio);
  try {
    const path = resolve(model);
    const info = await api.call('models.inspect', { path });
    const flops = o.flops ? (await api.call('models.flops', { path, dims: o.dim, shapes: o.shape, ...(o.batch ? { batchSize: o.batch } : {}) })).flopsPerIteration : undefined;
    if (json) {
      const { details, ...io } = info;
      process.stdout.write(JSON.stringify({ model: io.path, sizeBytes: io.sizeBytes, inputs: io.inputs, outputs: io.outputs, ...details, ...(flops !== undefined ? { flops } : {}) }, null, 2) + '\n');
    } else process.stdout.write(human(info, flops) + '\n');
    return 0;
  } finally {
    handle.close();
  }
}
