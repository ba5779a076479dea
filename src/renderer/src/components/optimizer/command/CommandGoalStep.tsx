/**
 * Step 1 of the optimizer wizard for a command: the program and its arguments (split into an
 * argv list and run without a shell), working folder, environment, the factors (`--factor`
 * flags and `--param` values), objective, gates, metric patterns, each trial's runs and the time
 * budget — checked as typed by the CLI flags' own parsers, with the same study as a
 * `dyno optimize-exec` line. On a host that runs no commands it says so and keeps Start off.
 */
import { useMemo } from 'react';
import { useCommandOptimizer } from '../../../stores/command-optimizer-store';
import { useApp } from '../../../stores/app-store';
import { Group, SelectField, TextField } from '../../FormControls';
import { FailureNotice } from '../../FailureNotice';
import { commandGoalRequest, optimizeExecCommandFor, type CommandGoalFields } from '../../../../../shared/optimizer/command/goal-form';
import { COMMAND_OBJECTIVES, COMMAND_OBJECTIVE_WORDS } from '../../../../../shared/optimizer/command/goal';

export function CommandGoalStep() {
  const { fields, setFields, start, startFailure } = useCommandOptimizer();
  const allowed = useApp((s) => s.info?.commandsAllowed ?? false);
  const { request, argv, errors } = useMemo(() => commandGoalRequest(fields), [fields]);
  const field = (id: keyof CommandGoalFields, label: string, hint: string, wide = false) => (
    <TextField label={label} hint={hint} value={fields[id]} error={errors[id]} onChange={(v) => setFields({ [id]: v })} testId={`optc-${id}`} wide={wide} />
  );
  // One row a line (as the CLI takes one flag per row), the row that is wrong named below.
  const rows = (id: keyof CommandGoalFields, label: string, hint: string, placeholder: string) => (
    <label className={`field half${errors[id] ? ' invalid' : ''}`}>
      <span className="field-label">{label}</span>
      <textarea rows={2} value={fields[id]} onChange={(e) => setFields({ [id]: e.target.value })} data-testid={`optc-${id}`} placeholder={placeholder} aria-invalid={!!errors[id]} spellCheck={false} />
      <span className="field-hint">{errors[id] ?? hint}</span>
    </label>
  );
  return (
    <section className="config-panel optimizer-goal" data-testid="optimizer-command-goal">
      {!allowed && (
        <div className="notice command-refused" role="note" data-testid="opt-commands-refused">
          This studio does not run commands: it was started without <code>--allow-commands</code>, so a browser that reaches it cannot run programs here. Restart it with <code>dyno serve --allow-commands</code>, or run the same study with <code>dyno optimize-exec</code> in a terminal (the line below).
        </div>
      )}
      <Group title="Command">
        {field('command', 'Program and arguments', 'run without a shell; {name} takes a --param value', true)}
        {argv && argv.length > 0 && (
          <div className="field wide" data-testid="optc-argv">
            <span className="field-label">Runs as</span>
            <span className="argv-chips">
              {argv.map((a, i) => (
                <code key={i} className="argv-chip">
                  {a === '' ? "''" : a}
                </code>
              ))}
            </span>
          </div>
        )}
        {field('cwd', 'Working folder', 'default: where the studio was started', true)}
        {rows('env', 'Environment variables', "added to the studio’s own environment", "NAME=value, one a line")}
      </Group>
      <Group title="Factors: each alone, then the helpful ones combined">
        {rows('flags', 'Flags (--factor)', "off in the baseline, appended when on", 'amp=--amp\nfewer=--epochs 2')}
        {rows('params', 'Parameters (--param)', "the first value is the baseline’s, the others are tried", "batch=32,64")}
      </Group>
      <Group title="Goal">
        <SelectField label="Objective" value={fields.objective} options={COMMAND_OBJECTIVES.map((o) => ({ value: o, label: `min ${COMMAND_OBJECTIVE_WORDS[o]}` }))} onChange={(objective) => setFields({ objective })} testId="optc-objective" />
        {fields.objective === 'time-to-target' && field('target', 'Target', 'seconds until the metric first reaches it, e.g. accuracy>=0.9')}
        {rows('gates', 'Gates (--gate)', "every candidate must keep them; a candidate past one is rejected with its numbers", 'accuracy>=baseline-0.005\nloss<=0.4')}
        {rows('metrics', 'Metric patterns (--metric)', 'for output without {"dyno": {…}} JSON lines: the regex’s first group', 'acc=acc=([0-9.]+)')}
      </Group>
      <Group title="Each trial, and the whole search">
        {field('runs', 'Runs', 'measured per trial; below 6 only the re-measured rounds give an interval')}
        {field('warmup', 'Warm-up runs', 'before measuring')}
        {field('minDurationS', 'Min duration (s)', 'and at least this long')}
        {field('timeoutS', 'Timeout per run (s)', 'blank: none; the whole process tree is stopped')}
        {field('timeBudget', 'Time budget', 'the whole search, e.g. 10m, 90s')}
      </Group>
      <div className="run-actions">
        <button className="primary" disabled={!request || !allowed} onClick={() => void start()} data-testid="optc-start" title={allowed ? undefined : 'This host runs no commands (dyno serve without --allow-commands)'}>
          Start the search
        </button>
        {startFailure && <FailureNotice failure={startFailure} testId="optc-start-failure" />}
      </div>
      {request && (
        <div className="cli-line">
          <div className="field-label">Same study from a terminal</div>
          <code data-testid="optc-cli-command">{optimizeExecCommandFor(request)}</code>
        </div>
      )}
    </section>
  );
}
