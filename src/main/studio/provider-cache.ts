/**
 * Execution provider availability, probed once per studio (a probe spawns a process and may
 * load GPU libraries) and shared by app.info, the UI and runs.start.
 */
import { EXECUTION_PROVIDERS, type ExecutionProviderName } from '../../shared/run-config';
import { staticUnavailability, type ProviderStatus } from '../engine/provider-probe';
import { probeProvider } from '../child/probe-in-worker';
import type { WorkerSpawnSpec } from '../child/fork-worker';

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
      p = probeProvider(this.worker, name, this.probeModel).then((s) => {
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

  /** What is known now, without waiting: unprobed providers show as not yet probed. */
  current(): ProviderStatus[] {
    return EXECUTION_PROVIDERS.map(
      (name) => this.known.get(name) ?? { name, available: name === 'cpu', reason: staticUnavailability(name) ?? 'not probed yet' },
    );
  }
}
