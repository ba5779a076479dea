/**
 * Records the conditions one run measures under (shared/conditions.ts): the display its client
 * declared, the worker's cores and priority when measuring starts, and the processes that used
 * the CPU between then and the end of the run.
 */
import { availableParallelism } from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { Display, MeasurementConditions } from '../../shared/conditions';
import { readPriority } from '../executor/process-priority';
import { BusyProcessWatch } from '../telemetry/busy-processes';
import { allowedCpus } from '../telemetry/cpu-affinity';
import { ProcessCostWatch } from '../telemetry/process-cost';

export class RunConditions {
  private worker: Pick<MeasurementConditions, 'workerCores' | 'workerCpuList' | 'workerNice'> | undefined;
  private readonly busy = new BusyProcessWatch();
  private readonly host = new ProcessCostWatch(process.pid);
  private workerCost: ProcessCostWatch | undefined;
  private loop: EventLoopUtilization | undefined;

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
    this.host.begin();
    this.loop = performance.eventLoopUtilization();
    if (workerPid !== undefined) {
      this.workerCost = new ProcessCostWatch(workerPid);
      this.workerCost.begin();
    }
  }

  /** The host's and the worker's own cost over the window (before the busy scan, which costs the host itself). */
  private dynoProcesses(): MeasurementConditions['dynoProcesses'] {
    const loop = this.loop && performance.eventLoopUtilization(this.loop);
    const host = this.host.end();
    const worker = this.workerCost?.end();
    if (!host) return undefined;
    return { host: { ...host, ...(loop ? { eventLoopPct: Math.round(loop.utilization * 1000) / 10 } : {}) }, ...(worker ? { worker } : {}) };
  }

  /** After the run: undefined when measuring never started. */
  finish(workerPid: number | undefined, intraOpThreads: number | undefined): MeasurementConditions | undefined {
    if (!this.worker) return undefined;
    const dynoProcesses = this.dynoProcesses();
    const busyProcesses = this.busy.end(new Set(workerPid === undefined ? [] : [workerPid]));
    return {
      display: this.display,
      ...this.worker,
      machineCores: availableParallelism(),
      ...(intraOpThreads !== undefined ? { intraOpThreads } : {}),
      ...(busyProcesses ? { busyProcesses } : {}),
      ...(dynoProcesses ? { dynoProcesses } : {}),
    };
  }
}
