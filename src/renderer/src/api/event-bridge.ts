/** The one place that listens to host events and writes them into stores. */
import { api } from './index';
import { useLiveRun } from '../stores/live-run-store';
import { useSessions } from '../stores/sessions-store';

export function connectEvents(): () => void {
  return api.onEvent((event) => {
    switch (event.type) {
      case 'run.updated':
        useLiveRun.getState().onRun(event.run);
        useSessions.getState().upsert(event.run);
        break;
      case 'run.progress':
        useLiveRun.getState().onProgress(event.runId, event.progress);
        break;
      case 'run.samples':
        useLiveRun.getState().onSamples(event.runId, event.samples);
        break;
      case 'run.telemetry':
        useLiveRun.getState().onTelemetry(event.runId, event.samples);
        break;
    }
  });
}
