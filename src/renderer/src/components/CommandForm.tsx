/**
 * The Command source of the run form: a command line (run by /bin/sh, as typed), its working
 * folder and environment variables, and the stop rule (runs, warm-ups, minimum duration, a
 * timeout per run). When the host does not run commands, it says so and why instead.
 */
import { useMemo } from 'react';
import { execCommandFor, parseCommandForm, type CommandFields } from '../../../shared/command/form';
import { useCommand } from '../stores/command-store';
import { useApp } from '../stores/app-store';
import { Group, TextField } from './FormControls';

export function useCommandConfig() {
  const fields = useCommand((s) => s.fields);
  return useMemo(() => parseCommandForm(fields), [fields]);
}

export function CommandForm() {
  const { fields, setField } = useCommand();
  const allowed = useApp((s) => s.info?.commandsAllowed ?? false);
  const { config, errors } = useCommandConfig();
  const field = (id: keyof CommandFields, label: string, hint: string, wide = false) => (
    <TextField label={label} hint={hint} value={fields[id]} error={errors[id]} onChange={(v) => setField(id, v)} testId={`command-${id}`} wide={wide} />
  );
  return (
    <section className="panel-section" data-testid="command-form">
      <h3>Command</h3>
      {!allowed && (
        <div className="notice command-refused" role="note" data-testid="commands-refused">
          This studio does not run commands: it was started without <code>--allow-commands</code>, so a browser that reaches it cannot run programs here. Restart it with <code>dyno serve --allow-commands</code>, or use <code>dyno exec</code> in a terminal.
        </div>
      )}
      <Group title="Program">
        {field('line', 'Command line', 'run by /bin/sh as typed; print {"dyno": {"step": 1, "loss": 0.3}} lines for metrics', true)}
        {field('cwd', 'Working folder', 'default: where the studio was started', true)}
        <label className={`field wide${errors.env ? ' invalid' : ''}`}>
          <span className="field-label">Environment variables</span>
          <textarea rows={2} value={fields.env} onChange={(e) => setField('env', e.target.value)} data-testid="command-env" placeholder="NAME=value, one a line" aria-invalid={!!errors.env} />
          <span className="field-hint">{errors.env ?? 'added to the studio’s own environment'}</span>
        </label>
      </Group>
      <Group title="Stop rule (hyperfine)">
        {field('runs', 'Runs', 'at least this many measured')}
        {field('warmup', 'Warm-up runs', 'before measuring')}
        {field('minDurationS', 'Min duration (s)', 'and at least this long')}
        {field('timeoutS', 'Timeout per run (s)', 'the whole process tree is stopped')}
      </Group>
      {config && (
        <div className="cli-line">
          <div className="field-label">Same run from a terminal</div>
          <code data-testid="command-cli">{execCommandFor(config)}</code>
        </div>
      )}
    </section>
  );
}
