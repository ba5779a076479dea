/**
 * Execution provider availability, probed once per studio (a probe spawns a process and may
 * load GPU libraries) and shared by app.info, the UI and runs.start.
 */
import { EXECUTION_PROVIDERS, type ExecutionProviderName } from '../../shared/run-config';
import { staticUnavailability, type ProviderStatus } from '../engine/provider-probe';
import { probeProvider } from '../child/probe-in-worker';
import type { WorkerSpawnSpec } from '../child/fork-worker';
import { BACKGROUND_PRIORITY, trySetPriority } from '../executor/process-priority';

export class ProviderCache {
  private readonly probes = new Map<ExecutionProviderName, Promise<ProviderStatus>>();
  private readonly known = new Map<ExecutionProviderName, ProviderStatus>();

  constructor(
    private readonly worker: WorkerSpawnSpec,
    private readonly probeModel: string,
  ) {}

  status(name: ExecutionProviderName): Promise<ProviderStatus> {
    let p = this.probes.get(name);
    if (!p) {
      // Below normal: at a studio's start the probe runs beside the default sample's inspection
      // and the first page's answers, which a user is waiting for (a cold inspection that
      // shared the cores with it took 2.95 s of a first load in CI); the verdict can follow.
      p = probeProvider(this.worker, name, this.probeModel, (pid) => void trySetPriority(pid, BACKGROUND_PRIORITY)).then((s) => {
        this.known.set(name, s);
        return s;
      });
      this.probes.set(name, p);
    }
    return p;
  }

  async probeAll(): Promise<ProviderStatus[]> {
    return Promise.all(EXECUTION_PROVIDERS.map((n) => this.status(n)));
  }

  /**
   * What is known now, without waiting. The CPU provider and one whose libraries are missing
   * need no probe; the others show as still being checked.
   */
  current(): ProviderStatus[] {
    return EXECUTION_PROVIDERS.map((name) => {
      const known = this.known.get(name);
      if (known) return known;
      if (name === 'cpu') return { name, available: true };
      const missing = staticUnavailability(name);
      return missing ? { name, available: false, reason: missing } : { name, available: false, checking: true, reason: 'checking whether it works here…' };
    });
  }
}
