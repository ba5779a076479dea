/**
 * One run of a command: started in a process group of its own (launch.ts; so the whole tree can
 * be stopped at once), timed from spawn to the first moment Dyno knows it exited (the options and
 * the result's bookkeeping are set up outside that window), its tree's memory sampled from /proc,
 * its CPU time taken from the kernel's accounting of waited-for children, its output kept bounded and
 * read for metrics line by line. Whatever the program leaves behind in its group when it exits
 * (a stray background child) is killed, so no run leaks into the next. A process that left the
 * group (setsid, a daemon) and holds the output pipes open does not hold the run: reading stops
 * OUTPUT_GRACE_MS after the exit.
 */
import type { CommandWorkload, MetricTarget } from '../../../shared/command/workload';
import { meetsTarget, targetText } from '../../../shared/command/workload';
import { OUTPUT_GRACE_MS, type MetricPoint } from '../../../shared/command/results';
import type { LineReader } from '../../../shared/command/metric-lines';
import { launch, type Exit } from './launch';
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
  /** exited: on its own; timeout / stopped: Dyno stopped the tree; spawn-error: it never ran; status-lost: it ran, but its exit status could not be had (statusLost says why). */
  end: 'exited' | 'timeout' | 'stopped' | 'spawn-error' | 'status-lost';
  /** Start on the shared time base (ms since the epoch, sub-ms). */
  tMs: number;
  wallMs: number;
  userMs: number | null;
  sysMs: number | null;
  peakRssBytes: number | null;
  exitCode: number | null;
  signal: string | null;
  spawnError?: string;
  statusLost?: string;
  /** True when a process the command started kept the output open OUTPUT_GRACE_MS past the exit, and Dyno stopped reading it then. */
  outputHeldOpen: boolean;
  /** How long Dyno waited after the exit for that output (0 when it closed with the exit): not the command's time. */
  afterExitMs: number;
  stdout: OutputTail;
  stderr: OutputTail;
  metrics: Record<string, number>;
  targetS: Record<string, number | null>;
  series: MetricPoint[];
}

export interface OnceHandle {
  pid: number | undefined;
  /** Stops the whole tree now (cancel); the result still arrives, 'stopped' unless the command had exited already. */
  stop(): void;
  result: Promise<OnceResult>;
}

function spawnMessage(err: NodeJS.ErrnoException, w: CommandWorkload): string {
  const program = w.shell ? '/bin/sh' : (w.argv[0] ?? '');
  if (err.code === 'ENOENT') return `Command not found: ${program}${w.cwd ? ` (or the working folder ${w.cwd} does not exist)` : ''}.`;
  // The path, where a PATH search found the file: which of several `prog`s is meant.
  if (err.code === 'EACCES') return `${err.path ?? program} is not executable (permission denied).`;
  if (err.code === 'EMFILE' || err.code === 'ENFILE') return `Could not start ${program}: too many open files (${err.syscall ?? 'spawn'} said ${err.code}).`;
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

  // As Node's spawn runs a line with `shell`: the words joined, for /bin/sh -c.
  const argv = w.shell ? ['/bin/sh', '-c', w.argv.join(' ')] : w.argv;
  let end: OnceResult['end'] = 'exited';
  let peak: number | null = null;
  let exited: Exit | undefined;
  let resolveResult: (r: OnceResult) => void = () => undefined;
  const result = new Promise<OnceResult>((resolve) => (resolveResult = resolve));
  let sampler: ReturnType<typeof setInterval> | undefined;
  let timeout: ReturnType<typeof setTimeout> | undefined;
  let grace: ReturnType<typeof setTimeout> | undefined;
  let outputHeldOpen = false;
  const finish = (spawnError?: string): void => {
    clearInterval(sampler);
    clearTimeout(timeout);
    clearTimeout(grace);
    const closedMs = performance.now();
    stdout.end();
    stderr.end();
    resolveResult({
      end: spawnError !== undefined ? 'spawn-error' : exited?.statusLost !== undefined ? 'status-lost' : end,
      tMs,
      wallMs: (exited?.atMs ?? performance.now()) - t0,
      userMs: exited?.cpu?.userMs ?? null,
      sysMs: exited?.cpu?.sysMs ?? null,
      peakRssBytes: peak,
      exitCode: exited?.code ?? null,
      signal: exited?.signal ?? null,
      ...(spawnError !== undefined ? { spawnError } : {}),
      ...(exited?.statusLost !== undefined ? { statusLost: exited.statusLost } : {}),
      outputHeldOpen,
      afterExitMs: outputHeldOpen && exited ? closedMs - exited.atMs : 0,
      stdout,
      stderr,
      metrics,
      targetS,
      series: series.points,
    });
  };
  const launchOptions = { argv, cwd: w.cwd, env: o.env };
  const tMs = performance.timeOrigin + performance.now();
  t0 = performance.now();
  const child = launch(launchOptions, {
    onSpawnError: (err) => finish(spawnMessage(err, w)),
    onExit: (e) => {
      exited = e;
      clearInterval(sampler);
      // The run ended on its own: a timeout that fires while a process outside the group (one
      // that called setsid) still holds the output pipes open must not call it timed out.
      clearTimeout(timeout);
      killGroup(child.pid);
      // Still open after the grace: held by a process outside the group. Destroying the streams
      // closes Dyno's ends; the close that follows ends the run (that process gets SIGPIPE if it writes again).
      grace = setTimeout(() => {
        outputHeldOpen = true;
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, OUTPUT_GRACE_MS);
    },
    // After the pipes are drained, so the tail and the metrics hold the last line.
    onClose: () => finish(),
  });
  const sample = (): void => {
    if (child.pid === undefined) return;
    // First: an exit heard here ends the sampling (onExit), so a dead tree is not read.
    child.checkExit();
    if (exited) return;
    const rss = treeRssBytes(child.pid);
    if (rss !== undefined && (peak === null || rss > peak)) peak = rss;
  };
  if (child.pid !== undefined) {
    sampler = setInterval(sample, o.sampleIntervalMs);
    if (w.timeoutMs !== undefined) timeout = setTimeout(() => ((end = 'timeout'), killGroup(child.pid)), w.timeoutMs);
  }
  for (const [name, stream, tail] of [['stdout', child.stdout, stdout] as const, ['stderr', child.stderr, stderr] as const]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => {
      tail.push(text);
      o.onOutput(name, text);
    });
  }

  return {
    pid: child.pid,
    stop() {
      // A stop during the grace comes after the command exited on its own: that run stands.
      if (end === 'exited' && !exited) end = 'stopped';
      killGroup(child.pid);
    },
    result,
  };
}
