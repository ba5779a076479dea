/** `dyno zoo`: write a generated model (MLP, ResNet-style, BERT-style, UNet) to a file. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildZooModel, ZOO_DESCRIPTIONS, ZOO_FAMILIES, type ZooFamily, type ZooSize } from '../models/zoo/families';
import { appVersion } from '../studio/paths';
import { formatBytes } from '../../shared/format';
import { CliError } from './errors';

export function zoo(family: string | undefined, o: { size: ZooSize; seed: number; output?: string; list: boolean }): number {
  if (o.list || !family) {
    for (const f of ZOO_FAMILIES) process.stdout.write(`${f.padEnd(7)} ${ZOO_DESCRIPTIONS[f]}\n`);
    return 0;
  }
  if (!(ZOO_FAMILIES as readonly string[]).includes(family)) throw new CliError(`Unknown family '${family}': choose one of ${ZOO_FAMILIES.join(', ')}.`);
  const out = resolve(o.output ?? `${family}-${o.size}-seed${o.seed}.onnx`);
  const bytes = buildZooModel(family as ZooFamily, o.size, o.seed, `dyno@${appVersion()}`);
  writeFileSync(out, bytes);
  process.stdout.write(`${out} (${formatBytes(bytes.length)})\n`);
  return 0;
}
