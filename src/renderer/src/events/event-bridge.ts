/**
 * The one module that listens to the host and writes what it hears into stores: run events
 * and whether the host is reachable. Keeping it apart from api/ lets the stores import the
 * API client without the client importing the stores back.
 */
import { api, connection } from '../api';
import { useConnection } from '../stores/connection-store';
import { useLiveRun } from '../stores/live-run-store';
import { useCommand } from '../stores/command-store';
import { useSessions } from '../stores/sessions-store';
import { useSessionsList } from '../stores/sessions-list-store';
import { useSweep } from '../stores/sweep-store';
import { useOptimizer } from '../stores/optimizer-store';
import { useCommandOptimizer } from '../stores/command-optimizer-store';
import { useApp } from '../stores/app-store';

export function connectEvents(): () => void {
  let wasUp = false;
  const offConnection = connection.subscribe(({ up, reason }) => {
    useConnection.getState().set(up, reason);
    // Back after a drop: what the watched run did meanwhile came as events nobody heard.
    if (up && !wasUp) void useLiveRun.getState().resync();
    // The optimizer study shown may have moved on while the events could not arrive.
    const studyId = useOptimizer.getState().studyId;
    if (up && !wasUp && studyId) void useOptimizer.getState().open(studyId);
    const commandStudyId = useCommandOptimizer.getState().studyId;
    if (up && !wasUp && commandStudyId) void useCommandOptimizer.getState().open(commandStudyId);
    wasUp = up;
  });
  const offEvents = api.onEvent((event) => {
    switch (event.type) {
      case 'run.updated':
        useLiveRun.getState().onRun(event.run);
        useSessions.getState().upsert(event.run);
        useSessionsList.getState().onRun(event.run);
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
      case 'run.output':
        useCommand.getState().onOutput(event.runId, event.output);
        break;
      case 'run.metrics':
        useCommand.getState().onMetrics(event.runId, event.metrics);
        break;
      case 'study.progress':
        useSweep.getState().onProgress(event.progress);
        break;
      case 'optimizer.updated':
        useOptimizer.getState().onState(event.state);
        break;
      case 'commandOptimizer.updated':
        useCommandOptimizer.getState().onState(event.state);
        break;
      case 'app.providers':
        useApp.getState().onProviders(event.executionProviders);
        break;
    }
  });
  return () => {
    offConnection();
    offEvents();
  };
}
