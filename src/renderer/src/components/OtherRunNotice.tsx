/**
 * Above the Run form: says so when what is measuring now is not what the form shows, i.e. a
 * "Try it" rerun (another run's configuration with one change) or an optimizer study's trials,
 * so the form's model and knobs are not read as the running configuration. The form stays
 * the user's next run.
 */
import { useEffect, useRef } from 'react';
import { useLiveRun } from '../stores/live-run-store';
import { useModel } from '../stores/model-store';
import { useOptimizer } from '../stores/optimizer-store';
import { useTryAdvice } from '../stores/try-advice-store';
import { isRunActive } from '../../../shared/run';

const fileName = (path: string): string => path.split(/[\\/]/).at(-1) ?? path;

export function OtherRunNotice() {
  const trying = useTryAdvice((s) => s.trying);
  // Only the fields read here: the live store changes with every batch of samples.
  // A string, not an object: a selector that builds a new object on every call never settles
  // (React's "maximum update depth" while the tried run measured).
  const watchedModel = useLiveRun((s) => (s.run && s.run.id === trying?.runId && isRunActive(s.run) ? s.run.config.modelPath : undefined));
  const formModel = useModel((s) => s.model?.path);
  const study = useOptimizer((s) => s.measuring);
  // Try it is clicked in the results pane while the form's column may be scrolled down (to its
  // stop rule, say): bring the notice at the column's top into view once, as it appears.
  const ref = useRef<HTMLParagraphElement>(null);
  const shown = trying ? `try ${trying.baseRunId} ${trying.adviceId}` : study ? `study ${study.studyId}` : '';
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);
  const differs = (model: string): string => (formModel && formModel !== model ? ` The form below shows ${fileName(formModel)}, ` : ' The form below ');
  if (trying) {
    const model = watchedModel;
    return (
      <p ref={ref} className="notice other-run-notice" role="status" data-testid="other-run-notice">
        {/* The whole run id: its first characters are only the date it was started. */}
        Running now: <strong>Try it</strong> ({trying.adviceId}) on run <a href={`#/runs/${trying.baseRunId}`}>{trying.baseRunId}</a>
        {model ? <>, {fileName(model)} with that one change</> : ''}.{differs(model ?? '')}is not what runs: it is for your next run.
      </p>
    );
  }
  if (study) {
    return (
      <p ref={ref} className="notice other-run-notice" role="status" data-testid="other-run-notice">
        Running now: optimizer study <a href={`#/optimize/${study.studyId}`}>{study.studyId.slice(0, 8)}</a> on {fileName(study.model)} ({study.phase}).{differs(study.model)}is not what runs: it is for your next run.
      </p>
    );
  }
  return null;
}
