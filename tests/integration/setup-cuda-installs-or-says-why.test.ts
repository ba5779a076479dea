/**
 * `npm run setup:cuda` (scripts/setup-cuda.mjs) either puts the three provider libraries in place
 * or fails with one line saying why. What is tested here: the offline failure (the download
 * routed to a port nothing listens on), and `--from` with stand-in files: the check that a folder
 * has all three shared libraries of the right ONNX Runtime version, the copy, and the verification
 * afterwards. Stand-ins carry an ELF header and nothing else: whether real libraries LOAD
 * (CUDA 12, cuDNN 9, a GPU) is not tested here; the provider probe does that on a GPU machine.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { tempHome } from '../helpers/temp-home';

const SCRIPT = resolve('scripts/setup-cuda.mjs');
const FILES = ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so', 'libonnxruntime_providers_tensorrt.so'];
const ORT_VERSION: string = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'), 'utf8')).version;

let t: ReturnType<typeof tempHome>;
beforeEach(() => (t = tempHome('dyno-setup-cuda-')));
afterEach(() => t.cleanup());

function setupCuda(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A Python-wheel-shaped folder: site-packages/onnxruntime/capi with the given files in it. */
function wheelCapi(version: string, files = FILES, content = (f: string) => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.from(`stand-in ${f}`)])): string {
  const capi = join(t.home, 'site-packages', 'onnxruntime', 'capi');
  mkdirSync(capi, { recursive: true });
  writeFileSync(join(capi, '..', '__init__.py'), `__version__ = "${version}"\n__author__ = "Microsoft"\n`);
  for (const f of files) writeFileSync(join(capi, f), content(f));
  return capi;
}

describe('npm run setup:cuda', () => {
  it('fails offline with the reason in one line and exit 1', () => {
    // global-agent (used by onnxruntime-node's install script) sends every request to this proxy.
    const r = setupCuda([], { GLOBAL_AGENT_HTTP_PROXY: 'http://127.0.0.1:1', GLOBAL_AGENT_NO_PROXY: '', NO_PROXY: '', no_proxy: '' });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `dyno: setup:cuda: could not download the CUDA provider libraries of ONNX Runtime ${ORT_VERSION} from NuGet (connect ECONNREFUSED 127.0.0.1:1): is the network reachable? Offline, copy them from an install of the same version: npm run setup:cuda -- --from <dir>.`,
    );
  });

  it('--from copies the three libraries of the same version and verifies them', () => {
    const capi = wheelCapi(ORT_VERSION);
    const dest = join(t.home, 'ort-bin');
    const r = setupCuda(['--from', capi, '--dest', dest]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(dest).sort()).toEqual(FILES);
    for (const f of FILES) expect(readFileSync(join(dest, f))).toEqual(readFileSync(join(capi, f)));
    expect(r.stdout).toContain(`CUDA provider libraries of ONNX Runtime ${ORT_VERSION} are in ${dest}`);
  });

  it('--from refuses a folder that lacks one of them, and copies nothing', () => {
    const capi = wheelCapi(ORT_VERSION, FILES.slice(0, 2));
    const dest = join(t.home, 'ort-bin');
    const r = setupCuda(['--from', capi, '--dest', dest]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `dyno: setup:cuda: --from ${capi} cannot be used: libonnxruntime_providers_tensorrt.so is missing (needs ${FILES.join(', ')} of ONNX Runtime ${ORT_VERSION}); nothing was copied.`,
    );
    expect(existsSync(dest)).toBe(false);
  });

  it('--from refuses files that are not shared libraries', () => {
    const capi = wheelCapi(ORT_VERSION, FILES, () => Buffer.from('<html>404</html>'));
    const r = setupCuda(['--from', capi, '--dest', join(t.home, 'ort-bin')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/libonnxruntime_providers_cuda\.so is not a shared library, libonnxruntime_providers_shared\.so is not a shared library/);
  });

  it('--from refuses another ONNX Runtime version', () => {
    const capi = wheelCapi('1.22.0');
    const dest = join(t.home, 'ort-bin');
    const r = setupCuda(['--from', capi, '--dest', dest]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`dyno: setup:cuda: --from ${capi} is ONNX Runtime 1.22.0, but onnxruntime-node is ${ORT_VERSION}: provider libraries load only into the version they were built with; nothing was copied.`);
    expect(existsSync(dest)).toBe(false);
  });

  it('refuses an unknown option in one line', () => {
    const r = setupCuda(['--form', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^dyno: setup:cuda: Unknown option '--form'/);
  });
});
