/**
 * One executor for the queue that hands each run to the executor of its workload: a config
 * with a `command` goes to the command executor, every other to the model one.
 */
import type { Executor } from './executor';

export function workloadExecutor(executors: { model: Executor; command: Executor }): Executor {
  return { start: (job, handlers) => (job.config.command ? executors.command : executors.model).start(job, handlers) };
}
