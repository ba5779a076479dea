/**
 * One run of a command: spawned in a process group of its own (so the whole tree can be
 * stopped at once), timed from spawn to the first moment Dyno knows it exited (everything else —
 * options, accounting, listeners — is set up outside that window), its tree's memory sampled
 * from /proc, its CPU
 * time taken from the kernel's accounting of waited-for children, its output kept bounded and
 * read for metrics line by line. Whatever the program leaves behind in its group when it exits
 * (a stray background child) is killed, so no run leaks into the next.
 */
import { spawn } from 'node:child_process';
import type { CommandWorkload, MetricTarget } from '../../../shared/command/workload';
import { meetsTarget, targetText } from '../../../shared/command/workload';
import type { MetricPoint } from '../../../shared/command/results';
import type { LineReader } from '../../../shared/command/metric-lines';
import { childCpu } from './child-rusage';
import { childHasExited } from './child-exited';
import { killGroup } from './group-kill';
import { treeRssBytes } from './process-tree';
import { OutputTail } from './output-tail';
import { SeriesKeeper } from './series-keeper';

export type OutputStream = 'stdout' | 'stderr';

export interface OnceOptions {
  workload: CommandWorkload;
  readLine: LineReader;
  onOutput: (stream: OutputStream, text: string) => void;
  onMetric: (point: MetricPoint) => void;
  /** How often the tree's memory is read. */
  sampleIntervalMs: number;
  /** The program's environment (Dyno's own with the workload's on top), built once per series: copying process.env costs more than a short run. */
  env: NodeJS.ProcessEnv;
}

/** The environment a workload's runs get: Dyno's own, with the workload's variables on top. */
export function runEnv(w: CommandWorkload): NodeJS.ProcessEnv {
  return { ...process.env, ...w.env };
}

export interface OnceResult {
  /** exited: on its own; timeout / stopped: Dyno stopped the tree; spawn-error: it never ran. */
  end: 'exited' | 'timeout' | 'stopped' | 'spawn-error';
  /** Start on the shared time base (ms since the epoch, sub-ms). */
  tMs: number;
  wallMs: number;
  userMs: number | null;
  sysMs: number | null;
  peakRssBytes: number | null;
  exitCode: number | null;
  signal: string | null;
  spawnError?: string;
  stdout: OutputTail;
  stderr: OutputTail;
  metrics: Record<string, number>;
  targetS: Record<string, number | null>;
  series: MetricPoint[];
}

export interface OnceHandle {
  pid: number | undefined;
  /** Stops the whole tree now (cancel); the result still arrives. */
  stop(): void;
  result: Promise<OnceResult>;
}

function spawnMessage(err: NodeJS.ErrnoException, w: CommandWorkload): string {
  const program = w.shell ? '/bin/sh' : (w.argv[0] ?? '');
  if (err.code === 'ENOENT') return `Command not found: ${program}${w.cwd ? ` (or the working folder ${w.cwd} does not exist)` : ''}.`;
  if (err.code === 'EACCES') return `${program} is not executable (permission denied).`;
  return `Could not start ${program}: ${err.message}`;
}

export function runOnce(o: OnceOptions): OnceHandle {
  const w = o.workload;
  const targets: MetricTarget[] = w.targets;
  const metrics: Record<string, number> = {};
  const targetS: Record<string, number | null> = Object.fromEntries(targets.map((t) => [targetText(t), null]));
  const series = new SeriesKeeper();
  let t0 = 0;
  const readLines = (line: string): void => {
    const found = o.readLine(line);
    if (found.length === 0) return;
    const tS = (performance.now() - t0) / 1000;
    for (const m of found) {
      metrics[m.name] = m.value;
      const point = { ...m, tS };
      series.add(point);
      o.onMetric(point);
      for (const t of targets) if (t.metric === m.name && targetS[targetText(t)] === null && meetsTarget(t, m.value)) targetS[targetText(t)] = tS;
    }
  };
  const stdout = new OutputTail(readLines);
  const stderr = new OutputTail(readLines);

  const [program = '', ...args] = w.argv;
  const options = {
    cwd: w.cwd,
    env: o.env,
    detached: true,
    shell: w.shell ? '/bin/sh' : false,
    stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
  };
  const cpuBefore = childCpu();
  const tMs = performance.timeOrigin + performance.now();
  t0 = performance.now();
  const child = spawn(program, args, options);
  // The first moment Dyno knew the child had exited: at its pipes' end-of-file when it is gone
  // by then (the usual case, a loop turn before Node's 'exit'), else at 'exit'.
  let exitSeenMs: number | undefined;
  const noteIfExited = (): void => {
    if (exitSeenMs === undefined && child.pid !== undefined && childHasExited(child.pid)) exitSeenMs = performance.now();
  };
  let end: OnceResult['end'] = 'exited';
  let peak: number | null = null;
  const sample = (): void => {
    if (child.pid === undefined) return;
    const rss = treeRssBytes(child.pid);
    if (rss !== undefined && (peak === null || rss > peak)) peak = rss;
  };
  const sampler = setInterval(sample, o.sampleIntervalMs);
  const timeout = w.timeoutMs !== undefined ? setTimeout(() => ((end = 'timeout'), killGroup(child.pid)), w.timeoutMs) : undefined;
  for (const [name, stream, tail] of [['stdout', child.stdout, stdout] as const, ['stderr', child.stderr, stderr] as const]) {
    stream.setEncoding('utf8');
    stream.on('data', (text: string) => {
      tail.push(text);
      o.onOutput(name, text);
    });
    stream.once('end', noteIfExited);
  }

  const result = new Promise<OnceResult>((resolve) => {
    let exited: { wallMs: number; code: number | null; signal: string | null; cpu: ReturnType<typeof childCpu> } | undefined;
    const finish = (spawnError?: string): void => {
      clearInterval(sampler);
      clearTimeout(timeout);
      stdout.end();
      stderr.end();
      const cpu = exited?.cpu && cpuBefore ? { userMs: exited.cpu.userMs - cpuBefore.userMs, sysMs: exited.cpu.sysMs - cpuBefore.sysMs } : null;
      resolve({
        end: spawnError !== undefined ? 'spawn-error' : end,
        tMs,
        wallMs: exited?.wallMs ?? performance.now() - t0,
        userMs: cpu?.userMs ?? null,
        sysMs: cpu?.sysMs ?? null,
        peakRssBytes: peak,
        exitCode: exited?.code ?? null,
        signal: exited?.signal ?? null,
        ...(spawnError !== undefined ? { spawnError } : {}),
        stdout,
        stderr,
        metrics,
        targetS,
        series: series.points,
      });
    };
    child.once('error', (err) => {
      if (child.pid === undefined) finish(spawnMessage(err, w));
    });
    child.once('exit', (code, signal) => {
      // Read first: the kernel has just added the tree's CPU time to this process's children.
      exited = { wallMs: (exitSeenMs ?? performance.now()) - t0, code, signal, cpu: childCpu() };
      clearInterval(sampler);
      killGroup(child.pid);
    });
    // After the pipes are drained, so the tail and the metrics hold the last line.
    child.once('close', () => finish());
  });
  return {
    pid: child.pid,
    stop() {
      if (end === 'exited') end = 'stopped';
      killGroup(child.pid);
    },
    result,
  };
}
