/**
 * What a reload keeps (issue 14): the theme, the live-chart switch, the last view, the run form
 * as typed (the model's and the command's, and which of the two shows), the zoo's choice and the
 * open model (opened again by path, so what is shown is what the file holds now). Restored once before the first render, then written on change.
 */
import { z } from 'zod';
import { ZOO_FAMILIES, ZOO_SIZES } from '../../../shared/zoo-names';
import { recall, remember, REMEMBERED_MODEL } from '../storage/remembered';
import { useUi } from './ui-store';
import { DEFAULT_FORM, useRunConfig } from './config-store';
import { useZoo } from './zoo-store';
import { useModel } from './model-store';
import { useCommand } from './command-store';
import type { CommandFields } from '../../../shared/command/form';

const UiSchema = z.object({ theme: z.enum(['dark', 'light']), liveCharts: z.boolean(), view: z.enum(['run', 'sessions', 'compare', 'models']) }).partial();
const FormSchema = z.object({ text: z.record(z.string(), z.string()), on: z.record(z.string(), z.boolean()), dims: z.record(z.string(), z.string()) });
const ZooSchema = z.object({ family: z.enum(ZOO_FAMILIES), size: z.enum(ZOO_SIZES), seed: z.string() });
const ModelPathSchema = z.string().min(1);
const CommandSchema = z.object({
  source: z.enum(['model', 'command']),
  fields: z.object({ line: z.string(), cwd: z.string(), env: z.string(), runs: z.string(), warmup: z.string(), minDurationS: z.string(), timeoutS: z.string() }) satisfies z.ZodType<CommandFields>,
});

export function keepAcrossReloads(): void {
  const ui = recall('ui', UiSchema);
  if (ui) useUi.setState(ui);
  document.documentElement.dataset.theme = useUi.getState().theme;
  const form = recall('form', FormSchema);
  // Defaults first: a knob added since the form was saved gets its default.
  if (form) useRunConfig.setState({ fields: { text: { ...DEFAULT_FORM.text, ...form.text }, on: { ...DEFAULT_FORM.on, ...form.on }, dims: form.dims } });
  const zoo = recall('zoo', ZooSchema);
  if (zoo) useZoo.setState({ choice: zoo });
  // Only once typed in: untouched command fields stay the defaults themselves (a link to a command run fills them).
  const command = recall('command', CommandSchema);
  if (command) useCommand.setState(command);
  const modelPath = recall(REMEMBERED_MODEL, ModelPathSchema);
  // Marks the model as asked for, so the default sample does not replace it.
  if (modelPath) void useModel.getState().openPath(modelPath);

  useUi.subscribe((s, prev) => {
    if (s.theme !== prev.theme || s.liveCharts !== prev.liveCharts || s.view !== prev.view) remember('ui', { theme: s.theme, liveCharts: s.liveCharts, view: s.view });
  });
  useRunConfig.subscribe((s, prev) => {
    if (s.fields !== prev.fields) remember('form', s.fields);
  });
  useCommand.subscribe((s, prev) => {
    if (s.source !== prev.source || s.fields !== prev.fields) remember('command', { source: s.source, fields: s.fields });
  });
  useZoo.subscribe((s, prev) => {
    if (s.choice !== prev.choice) remember('zoo', s.choice);
  });
  useModel.subscribe((s, prev) => {
    // Only settled states: a failed open forgets the model, an open in flight changes nothing yet.
    if (s.model !== prev.model && !s.loading) remember(REMEMBERED_MODEL, s.model?.path);
  });
}
