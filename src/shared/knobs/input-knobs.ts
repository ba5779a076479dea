/** What the model is fed: generated tensors (shaped by dims, shapes and batch) or files. */
import { z } from 'zod';
import { FileInputsSchema, INPUT_SOURCES, RandomInputsSchema, RunConfigSchema } from '../run-config';
import { choiceKnob, numberKnob, numberParser, optionalNumberKnob, pairsKnob, switchKnob, textKnob } from './builders';
import { ok, problem, type Parsed } from './knob';

const generated = { knob: 'inputSource', values: ['random', 'zeros'] } as const;
const fromFiles = { knob: 'inputSource', values: ['files'] } as const;

function parseShape(text: string): Parsed<number[]> {
  const t = text.trim();
  if (t === '') return ok([]);
  return /^\d+(x\d+)*$/.test(t) ? ok(t.split('x').map(Number)) : problem('D1xD2x… whole numbers');
}

/** Also parse `dyno inspect --dim`. */
export const DIM_KNOB = pairsKnob({
  id: 'dim',
  path: 'dims',
  flag: '--dim',
  label: 'Symbolic dimensions',
  help: 'value of a symbolic dimension, repeatable',
  placeholder: 'name=n',
  group: 'inputs',
  when: generated,
  perName: true,
  value: { parse: numberParser(z.number().int().positive()), format: String, describe: 'n a whole number > 0' },
  at: (c) => c.dims,
});

export const SHAPE_KNOB = pairsKnob({
  id: 'shape',
  path: 'shapes',
  flag: '--shape',
  label: 'Input shapes',
  help: 'whole shape of an input, repeatable (for unnamed dynamic dims)',
  placeholder: 'name=DxD…',
  group: 'inputs',
  when: generated,
  advanced: true,
  value: { parse: parseShape, format: (v) => v.join('x'), describe: 'a shape like 1x3x224x224' },
  at: (c) => c.shapes,
});

export const BATCH_KNOB = optionalNumberKnob({
  id: 'batch',
  path: 'batchSize',
  flag: '--batch',
  short: '-b',
  label: 'Batch size',
  help: 'leading dynamic dim of every input (blank: 1)',
  group: 'inputs',
  when: generated,
  schema: RunConfigSchema.shape.batchSize.unwrap(),
  at: (c) => c.batchSize,
});

export const INPUT_KNOBS = [
  DIM_KNOB,
  SHAPE_KNOB,
  pairsKnob({
    id: 'value',
    path: 'values',
    flag: '--value',
    label: 'Fixed values',
    help: 'fill an input with one value (e.g. a sample rate), repeatable',
    placeholder: 'name=v',
    group: 'inputs',
    when: generated,
    advanced: true,
    value: { parse: numberParser(z.number()), format: String, describe: 'v a number' },
    at: (c) => c.values,
  }),
  BATCH_KNOB,
  choiceKnob({
    id: 'inputSource',
    path: 'inputs.kind',
    flag: '--input-source',
    label: 'Data',
    help: 'seeded random values, zeros, or files from --inputs',
    placeholder: 'kind',
    group: 'inputs',
    values: INPUT_SOURCES,
    optionLabels: { random: 'seeded random', zeros: 'zeros', files: 'from a folder' },
    impliedBy: { zeros: '--zeros', files: 'inputs' },
    schema: z.enum(INPUT_SOURCES).default(RunConfigSchema.shape.inputs.parse(undefined).kind),
    at: (c) => c.inputs.kind,
  }),
  textKnob({
    id: 'inputs',
    path: 'inputs.dir',
    flag: '--inputs',
    label: 'Folder',
    help: 'read inputs from a folder: input_N.pb (TensorProto) or NAME.npy',
    placeholder: 'dir',
    group: 'inputs',
    when: fromFiles,
    required: true,
    schema: FileInputsSchema.shape.dir,
    at: (c) => (c.inputs.kind === 'files' ? c.inputs.dir : undefined),
  }),
  numberKnob({
    id: 'seed',
    path: 'inputs.seed',
    flag: '--seed',
    label: 'Seed',
    help: 'same seed, same tensors',
    group: 'inputs',
    when: { knob: 'inputSource', values: ['random'] },
    schema: RandomInputsSchema.shape.seed,
    at: (c) => (c.inputs.kind === 'random' ? c.inputs.seed : undefined),
  }),
  switchKnob({
    id: 'checkOutputs',
    path: 'checkOutputs',
    flag: '--check-outputs',
    label: 'Check outputs against output_N.pb',
    help: 'compare outputs with output_N.pb in the --inputs folder',
    group: 'inputs',
    when: fromFiles,
    schema: RunConfigSchema.shape.checkOutputs,
    at: (c) => c.checkOutputs,
  }),
] as const;
