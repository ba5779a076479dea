#!/usr/bin/env node
// `npm run setup:cuda`: put ONNX Runtime's CUDA and TensorRT provider libraries beside
// onnxruntime-node's own (they are too large for the npm package, and `npm install` skips them
// so it works offline). Either downloads them with onnxruntime-node's install script, or, with
// `--from <dir>`, copies them from an existing install of the same ONNX Runtime version (e.g. the
// Python onnxruntime-gpu wheel's onnxruntime/capi folder). Afterwards the three files are
// verified; any failure is one line on stderr and exit 1. To run them: CUDA 12 and cuDNN 9.
//
// Why not just run install.js: under `npm run` it sees npm's local-prefix variables, takes the
// run for a local development install of onnxruntime-node and exits 0 having done nothing; and
// ONNXRUNTIME_NODE_INSTALL=cuda12 does not force it (its flag parser returns undefined for named
// values). So it is run without npm's variables and with the force flag.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, closeSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The files onnxruntime-node's install metadata lists for linux/x64 (1.30: script/install-metadata.js). */
const PROVIDER_FILES = ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so', 'libonnxruntime_providers_tensorrt.so'];

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const ortPackageJson = createRequire(join(root, 'package.json')).resolve('onnxruntime-node/package.json');
const ortRoot = dirname(ortPackageJson);
const ortVersion = JSON.parse(readFileSync(ortPackageJson, 'utf8')).version;
/** Where onnxruntime-node's binding loads providers from (install.js's BIN_FOLDER). */
const ortBinDir = join(ortRoot, 'bin', 'napi-v6', process.platform, process.arch);

class SetupError extends Error {}

/** Each provider file in `dir` that is missing or not a shared library (ELF on Linux). */
function problemsIn(dir) {
  const problems = [];
  for (const file of PROVIDER_FILES) {
    const path = join(dir, file);
    if (!existsSync(path) || !statSync(path).isFile()) problems.push(`${file} is missing`);
    else if (!isElf(path)) problems.push(`${file} is not a shared library`);
  }
  return problems;
}

function isElf(path) {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  } finally {
    closeSync(fd);
  }
}

/**
 * The ONNX Runtime version of a folder, where it says: a Python package's `__init__.py`
 * (`__version__ = "1.30.0"`) above `capi/`, or the wheel's `onnxruntime_gpu-1.30.0.dist-info`.
 */
function versionOf(dir) {
  if (basename(dir) !== 'capi') return undefined;
  const init = join(dirname(dir), '__init__.py');
  if (existsSync(init)) {
    const m = /^__version__\s*=\s*["']([^"']+)["']/m.exec(readFileSync(init, 'utf8'));
    if (m) return m[1];
  }
  const sitePackages = dirname(dirname(dir));
  if (existsSync(sitePackages)) {
    for (const entry of readdirSync(sitePackages)) {
      const m = /^onnxruntime(?:[-_]gpu)?-(\d+\.\d+\.\d+[^-]*)\.dist-info$/.exec(entry);
      if (m) return m[1];
    }
  }
  return undefined;
}

function copyFrom(from, dest) {
  const source = resolve(from);
  if (!existsSync(source) || !statSync(source).isDirectory()) throw new SetupError(`--from ${from} is not a folder.`);
  const problems = problemsIn(source);
  if (problems.length > 0) throw new SetupError(`--from ${from} cannot be used: ${problems.join(', ')} (needs ${PROVIDER_FILES.join(', ')} of ONNX Runtime ${ortVersion}); nothing was copied.`);
  const version = versionOf(source);
  if (version !== undefined && version !== ortVersion) {
    throw new SetupError(`--from ${from} is ONNX Runtime ${version}, but onnxruntime-node is ${ortVersion}: provider libraries load only into the version they were built with; nothing was copied.`);
  }
  if (version === undefined) process.stderr.write(`dyno: warning: could not tell which ONNX Runtime version ${from} is; use one built for ${ortVersion}.\n`);
  mkdirSync(dest, { recursive: true });
  for (const file of PROVIDER_FILES) copyFileSync(join(source, file), join(dest, file));
}

function download() {
  if (`${process.platform}/${process.arch}` !== 'linux/x64') {
    throw new SetupError(`onnxruntime-node ${ortVersion} has CUDA provider libraries for Linux x64 only (this is ${process.platform}/${process.arch}).`);
  }
  const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: '1' };
  for (const k of ['npm_config_local_prefix', 'npm_package_json', 'npm_config_onnxruntime_node_install', 'ONNXRUNTIME_NODE_INSTALL_CUDA', 'npm_config_onnxruntime_node_install_cuda']) delete env[k];
  const r = spawnSync(process.execPath, [join(ortRoot, 'script', 'install.js')], { cwd: ortRoot, env, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    // install.js dies of an unhandled rejection: its stack trace names the cause on an `Error:` line.
    const cause = /^\w*Error: (.+)$/m.exec(r.stderr ?? '')?.[1] ?? r.error?.message ?? `install script exited with ${r.status ?? r.signal}`;
    throw new SetupError(`could not download the CUDA provider libraries of ONNX Runtime ${ortVersion} from NuGet (${cause}): is the network reachable? Offline, copy them from an install of the same version: npm run setup:cuda -- --from <dir>.`);
  }
}

function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      /** Install somewhere else than onnxruntime-node's folder (tests; with --from only). */
      dest: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`usage: npm run setup:cuda [-- --from <dir>]\n  downloads ONNX Runtime ${ortVersion}'s CUDA provider libraries, or copies them from <dir> (an install of the same version, e.g. site-packages/onnxruntime/capi)\n`);
    return;
  }
  if (values.dest !== undefined && values.from === undefined) throw new SetupError('--dest works with --from only (the download goes where onnxruntime-node loads providers from).');
  const dest = values.dest === undefined ? ortBinDir : resolve(values.dest);
  if (values.from !== undefined) copyFrom(values.from, dest);
  else download();
  const problems = problemsIn(dest);
  if (problems.length > 0) throw new SetupError(`the CUDA provider libraries are not usable in ${dest}: ${problems.join(', ')}.`);
  process.stdout.write(`dyno: CUDA provider libraries of ONNX Runtime ${ortVersion} are in ${dest} (${PROVIDER_FILES.join(', ')}); running them needs CUDA 12 and cuDNN 9 (TensorRT 10 for tensorrt).\n`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  // SetupError and parseArgs' own errors (an unknown or incomplete option) are one line for the user.
  const known = err instanceof SetupError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'));
  if (!known) throw err;
  process.stderr.write(`dyno: setup:cuda: ${err.message}\n`);
  process.exitCode = 1;
}
