/**
 * `npm run gpu-check`: the real-GPU check of issue 16 (item 8), ready for a machine with the
 * NVIDIA driver. It runs `dyno providers` and a `--ep cuda` run of ResNet-50 (the light corpus)
 * with `--json`, reads NVML's total-energy counter independently with python3's nvidia-ml-py
 * around the run, and prints the ratio of Dyno's GPU energy to it over the run's measured window
 * against the 2 % target. It also keeps `nvidia-smi -q -x` and a `--query-gpu` stream (Dyno's
 * fields) in the output folder, for the parsers' fixtures. It only reads: no GPU setting (power
 * limits, clocks, MIG, persistence) is changed. Needs `npx electron-vite build` first.
 * Exit codes: 0 within target, 1 over it or a step failed, 2 bad arguments, 3 no GPU here.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { findOnPath } from '../src/main/telemetry/gpu-presence';
import { eventReasonsField } from '../src/main/telemetry/nvidia-smi-stream';
import { queryFields } from '../src/main/telemetry/nvidia-smi-csv';
import { compareGpuEnergy, comparisonLine, parseCounterLines, parseGpuCheckArgs, USAGE } from './gpu-check-compare';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const CORPUS_RESNET = ['../shared/onnx-corpus/light/light_resnet50.onnx', 'shared/onnx-corpus/light/light_resnet50.onnx'].map((p) => join(ROOT, p));

function exit(code: number, message: string): never {
  (code === 0 ? process.stdout : process.stderr).write(`${message}\n`);
  process.exit(code);
}

const args = parseGpuCheckArgs(process.argv.slice(2));
if ('error' in args) exit(2, `gpu-check: ${args.error}\n${USAGE}`);
if (args.help) exit(0, USAGE);
const smi = findOnPath('nvidia-smi');
if (!smi) exit(3, 'gpu-check: no NVIDIA driver here (nvidia-smi is not on PATH): this check needs a machine with an NVIDIA GPU and its driver.');
const model = args.model ?? CORPUS_RESNET.find((p) => existsSync(p));
if (!model || !existsSync(model)) exit(2, `gpu-check: no model at ${args.model ?? CORPUS_RESNET.join(' or ')}: pass --model FILE`);
const cli = join(ROOT, 'bin/dyno.js');
if (!existsSync(join(ROOT, 'out/main/cli.js'))) exit(1, 'gpu-check: Dyno is not built: run npx electron-vite build first.');

const out = resolve(args.out ?? `gpu-check-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(out, { recursive: true });
const env = { ...process.env, DYNO_HOME: join(out, 'dyno-home') };
const gpu = String(args.gpu);
console.log(`gpu-check: GPU ${gpu}, ${model}, ${args.seconds} s; files in ${out}`);

// Read-only captures for the parsers' fixtures.
const xml = await exec(smi, ['-q', '-x', `--id=${gpu}`], { maxBuffer: 64 * 1024 * 1024 }).catch((err: Error) => exit(1, `gpu-check: nvidia-smi -q -x failed: ${err.message.split('\n')[0]}`));
writeFileSync(join(out, 'nvidia-smi-q.xml'), xml.stdout);
const providers = await exec(process.execPath, [cli, 'providers'], { env }).catch((err: { stdout?: string; message: string }) => ({ stdout: err.stdout ?? err.message }));
writeFileSync(join(out, 'providers.txt'), providers.stdout);
console.log(providers.stdout.trimEnd());

/** Starts a child and resolves once it printed `ready` (or at once when `ready` is not asked for). */
function start(command: string, argv: string[], stdout: string | undefined, waitReady: boolean): Promise<ChildProcess> {
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  if (stdout) child.stdout?.pipe(createWriteStream(stdout));
  if (!waitReady) return Promise.resolve(child);
  return new Promise((resolveReady, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => d.includes('ready') && resolveReady(child));
    child.on('exit', (code) => reject(new Error(stderr.trim() || `${command} exited with code ${code}`)));
  });
}

const counterFile = join(out, 'nvml-counter-pynvml.jsonl');
const sampler = await start('python3', [join(ROOT, 'bench/gpu-check-nvml-counter.py'), '--gpu', gpu, '--out', counterFile], undefined, true).catch((err: Error) => exit(3, err.message));
const fields = queryFields(await eventReasonsField(smi));
const stream = await start(smi, [`--query-gpu=${fields.join(',')}`, '--format=csv,nounits', '-lms=100', `--id=${gpu}`], join(out, 'query-gpu.csv'), false);

let bench: { stdout: string };
try {
  const argv = [cli, 'bench', model, '--ep', 'cuda', '--device-id', gpu, '--gpus', gpu, '--min-duration', String(args.seconds), '--max-duration', String(args.seconds * 2 + 30), '--telemetry-interval', '100', '--json'];
  bench = await exec(process.execPath, argv, { env, maxBuffer: 256 * 1024 * 1024, timeout: (args.seconds * 3 + 180) * 1000 });
} catch (err) {
  const e = err as { stdout?: string; stderr?: string; message: string };
  bench = { stdout: e.stdout ?? '' };
  if (!bench.stdout) exit(1, `gpu-check: dyno bench failed: ${(e.stderr || e.message).trim().split('\n').slice(-1)[0]}`);
} finally {
  await new Promise((r) => setTimeout(r, 500)); // a few readings past the window's end
  sampler.kill('SIGTERM');
  stream.kill('SIGTERM');
  await new Promise((r) => sampler.once('exit', r));
}
writeFileSync(join(out, 'run.json'), bench.stdout);

interface RunJsonPart {
  run: { status: string; error?: string };
  telemetry: { window?: { start_epoch_ms: number; end_epoch_ms: number }; gpu: { source?: string; reason?: string; perGpu: { index: number; energy_j: number | null; energyMethod?: string | null; energyNote?: string }[] } } | null;
}
const run = JSON.parse(bench.stdout) as RunJsonPart;
if (run.run.status !== 'completed') exit(1, `gpu-check: the run ${run.run.status}${run.run.error ? `: ${run.run.error}` : ''}`);
const window = run.telemetry?.window;
if (!window) exit(1, 'gpu-check: the run has no measured window in its telemetry (telemetry off?)');
const own = run.telemetry?.gpu.perGpu.find((g) => g.index === args.gpu);
console.log(`Dyno's GPU source: ${run.telemetry?.gpu.source ?? 'not recorded'}${run.telemetry?.gpu.reason ? ` (${run.telemetry.gpu.reason})` : ''}; energy method: ${own?.energyMethod ?? 'none'}${own?.energyNote ? ` (${own.energyNote})` : ''}`);
const comparison = compareGpuEnergy(own?.energy_j, parseCounterLines(readFileSync(counterFile, 'utf8')), window.start_epoch_ms, window.end_epoch_ms);
const line = comparisonLine(args.gpu, comparison, (window.end_epoch_ms - window.start_epoch_ms) / 1000);
writeFileSync(join(out, 'summary.json'), JSON.stringify({ gpu: args.gpu, model, window, source: run.telemetry?.gpu.source, energyMethod: own?.energyMethod, comparison }, null, 2) + '\n');
exit('within' in comparison && comparison.within ? 0 : 1, line);
