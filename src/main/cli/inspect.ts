/** `dyno inspect`: a model's inputs and outputs. */
import { resolve } from 'node:path';
import { formatBytes } from '../../shared/format';
import { formatShape } from '../../shared/model';
import { inspectModel } from '../models/inspect';

export async function inspect(model: string, o: { json: boolean }): Promise<number> {
  const info = await inspectModel(resolve(model));
  if (o.json) {
    process.stdout.write(JSON.stringify({ model: info.path, sizeBytes: info.sizeBytes, inputs: info.inputs, outputs: info.outputs }, null, 2) + '\n');
    return 0;
  }
  const rows = (kind: string, list: typeof info.inputs) =>
    list.map((t) => `  ${kind.padEnd(7)} ${t.name.padEnd(24)} ${t.type.padEnd(8)} ${formatShape(t.shape)}`);
  process.stdout.write([`${info.fileName} (${formatBytes(info.sizeBytes)})`, ...rows('input', info.inputs), ...rows('output', info.outputs)].join('\n') + '\n');
  return 0;
}
