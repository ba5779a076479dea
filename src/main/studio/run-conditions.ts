/**
 * Records the conditions one run measures under (shared/conditions.ts): the display its client
 * declared, the worker's cores and priority when measuring starts, and the processes that used
 * the CPU between then and the end of the run.
 */
import { availableParallelism } from 'node:os';
import type { Display, MeasurementConditions } from '../../shared/conditions';
import { readPriority } from '../executor/process-priority';
import { BusyProcessWatch } from '../telemetry/busy-processes';
import { allowedCpus } from '../telemetry/cpu-affinity';

export class RunConditions {
  private worker: Pick<MeasurementConditions, 'workerCores' | 'workerCpuList' | 'workerNice'> | undefined;
  private readonly busy = new BusyProcessWatch();

  constructor(private readonly display: Display) {}

  /** When the first measured samples arrive: the worker is at its settled priority, its pool started. */
  measuringStarted(workerPid: number | undefined): void {
    const cpus = workerPid === undefined ? undefined : allowedCpus(workerPid);
    const nice = workerPid === undefined ? undefined : readPriority(workerPid);
    this.worker = {
      workerCores: cpus?.count ?? availableParallelism(),
      ...(cpus ? { workerCpuList: cpus.list } : {}),
      ...(nice !== undefined ? { workerNice: nice } : {}),
    };
    this.busy.begin();
  }

  /** After the run: undefined when measuring never started. */
  finish(workerPid: number | undefined, intraOpThreads: number | undefined): MeasurementConditions | undefined {
    if (!this.worker) return undefined;
    const busyProcesses = this.busy.end(new Set(workerPid === undefined ? [] : [workerPid]));
    return {
      display: this.display,
      ...this.worker,
      machineCores: availableParallelism(),
      ...(intraOpThreads !== undefined ? { intraOpThreads } : {}),
      ...(busyProcesses ? { busyProcesses } : {}),
    };
  }
}
