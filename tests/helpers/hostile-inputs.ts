/**
 * The hostile-input corpus (issue 15): the small files committed in tests/fixtures/hostile/,
 * plus the cases that are big, odd or derived from real files, made here at test time (a
 * directory, a symlink loop, truncations of real models and bundles, models with a future
 * opset, an unknown op, absurd dims or external data that points nowhere or outside the
 * model's folder, `.npy`/`.pb` inputs of the wrong dtype or cut short, unusable DYNO_HOMEs).
 * Each case is one `dyno` command line that must fail with one readable line.
 */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import onnxProto from 'onnx-proto';
import { CONV2D, SQUEEZENET } from './temp-home';
import { corpusPath } from './onnx-corpus';
import { seedRuns } from './seed-runs';
import type { CommandWorkloadInput } from '../../src/shared/command/workload';

const { onnx } = onnxProto;
const FIXTURES = resolve('tests/fixtures/hostile');
const GOLDEN = resolve('tests/fixtures/golden');

export type HostileCategory = 'model file' | 'flags' | 'inputs folder' | 'import' | 'DYNO_HOME' | 'command workload' | 'optimizer';

export interface HostileCase {
  category: HostileCategory;
  name: string;
  /** Arguments after `dyno`. */
  args: string[];
  /** What the one line on stderr must say (the reason, not just "error"). */
  says: RegExp;
  /** A DYNO_HOME of the case's own (unusable homes); otherwise the shared, seeded one. */
  home?: string;
  /** The model path, for the cases that the API (models.inspect) can also be given. */
  modelPath?: string;
  /** The file content, for the imports that the API (runs.import) can also be given. */
  importFile?: string;
  /** The command workload, for the `dyno exec` cases that the API (runs.start) can also be given. */
  command?: CommandWorkloadInput;
  /**
   * An own home that stays usable (not one refused untouched): its seeded run and, when named,
   * this study must still be there afterwards, instead of the file being compared byte for byte.
   */
  keeps?: { study?: string };
  /**
   * Handled by going on rather than refusing: a damaged database is kept aside and a fresh one
   * created, so the command succeeds and the one line is the notice saying so (or, for a
   * command that floods its output, there is no line at all: the run is simply measured).
   */
  goesOn?: true;
  /**
   * Run under `ulimit -f` of this many 512-byte blocks (SIGXFSZ ignored, so writes past it fail
   * as on a full disk): the seeded database is larger, so nothing more can be written to it.
   */
  fileSizeLimitBlocks?: number;
}

type Model = InstanceType<typeof onnx.ModelProto>;

/** conv2d.onnx (input `x`, float32 [1,3,32,32]) decoded, changed by `edit`, written to `file`. */
function editedModel(file: string, edit: (m: Model) => void): string {
  const model = onnx.ModelProto.decode(readFileSync(CONV2D));
  edit(model);
  writeFileSync(file, onnx.ModelProto.encode(model).finish());
  return file;
}

/** Moves the first initializer's bytes out of the model, to an external-data `location`. */
function withExternalData(file: string, location: string): string {
  return editedModel(file, (m) => {
    const init = m.graph?.initializer?.[0];
    if (!init) throw new Error('conv2d.onnx has no initializer to move out');
    init.rawData = new Uint8Array(0);
    init.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    init.externalData = [onnx.StringStringEntryProto.create({ key: 'location', value: location })];
  });
}

/** An .npy file of `dtype` (a numpy descr such as '<i8') with a 1-D shape. */
function npy(file: string, descr: string, values: number): string {
  const header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${values},), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  const head = Buffer.concat([Buffer.from([0x93]), Buffer.from('NUMPY'), Buffer.from([1, 0]), Buffer.alloc(2), Buffer.from(header + ' '.repeat(pad) + '\n')]);
  head.writeUInt16LE(head.length - 10, 8);
  writeFileSync(file, Buffer.concat([head, Buffer.alloc(values * 8)]));
  return file;
}

function half(src: string, dst: string): string {
  const bytes = readFileSync(src);
  writeFileSync(dst, bytes.subarray(0, Math.floor(bytes.length / 2)));
  return dst;
}

/** A Dyno database holding one table of another application, as Dyno must not adopt it. */
function foreignDatabase(file: string): void {
  const db = new Database(file);
  db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, customer TEXT); INSERT INTO invoices (customer) VALUES ('ACME')");
  db.close();
}

/** Study ids in the optimizer cases' own home: one whose stored spec is cut short, one of another kind. */
export const CORRUPT_STUDY = 'study-spec-cut-short';
export const SWEEP_STUDY = 'study-of-a-sweep';

/** A seeded home holding an optimizer study whose spec JSON is truncated and a sweep study. */
function homeWithBrokenStudies(at: string): string {
  mkdirSync(at);
  seedRuns(join(at, 'dyno.db'), 1);
  const db = new Database(join(at, 'dyno.db'));
  const add = db.prepare("INSERT INTO studies (id, kind, name, created_at, spec_json) VALUES (?, ?, ?, '2026-12-01T10:00:00.000Z', ?)");
  add.run(CORRUPT_STUDY, 'optimizer', 'cut short', '{"version":1,"model":"/models/m.onnx","goal":{"objec');
  add.run(SWEEP_STUDY, 'sweep', 'a sweep', JSON.stringify({ grid: { threads: [1, 2] } }));
  db.close();
  return at;
}

/** Writes the generated cases' files under `dir` and answers every case, committed ones included. */
export function hostileCases(dir: string): HostileCase[] {
  const f = (name: string) => join(dir, name);
  mkdirSync(f('a-folder.onnx'));
  symlinkSync(f('loop-b.onnx'), f('loop-a.onnx'));
  symlinkSync(f('loop-a.onnx'), f('loop-b.onnx'));
  writeFileSync(f('zero.onnx'), '');
  half(SQUEEZENET, f('truncated.onnx'));
  writeFileSync(f('only-a-tensor.onnx'), onnx.TensorProto.encode(onnx.TensorProto.create({ name: 't', dims: [2], dataType: 1, floatData: [1, 2] })).finish());
  editedModel(f('opset-99.onnx'), (m) => (m.opsetImport = [onnx.OperatorSetIdProto.create({ domain: '', version: 99 })]));
  editedModel(f('unknown-op.onnx'), (m) => {
    const node = m.graph?.node?.[0];
    if (node) node.opType = 'NoSuchOperator';
  });
  editedModel(f('absurd-dims.onnx'), (m) => {
    const dims = m.graph?.input?.[0]?.type?.tensorType?.shape?.dim;
    if (dims) for (const d of dims) d.dimValue = 1_000_000_000;
  });
  editedModel(f('no-graph.onnx'), (m) => (m.graph = null));
  withExternalData(f('external-missing.onnx'), 'weights-that-are-not-here.bin');
  withExternalData(f('external-outside.onnx'), '../../../../../../etc/passwd');
  mkdirSync(f('sub'));
  withExternalData(f('sub/external-absolute.onnx'), '/etc/hostname');

  // Inputs folders for the corpus's test_ReLU (one float32 input).
  const relu = corpusPath('pytorch-converted/test_ReLU');
  const reluModel = join(relu, 'model.onnx');
  mkdirSync(f('inputs-int64'));
  npy(f('inputs-int64/0.npy'), '<i8', 4);
  mkdirSync(f('inputs-truncated-pb'));
  half(join(relu, 'test_data_set_0', 'input_0.pb'), f('inputs-truncated-pb/input_0.pb'));
  mkdirSync(f('inputs-empty'));
  mkdirSync(f('inputs-not-npy'));
  copyFileSync(join(FIXTURES, 'x.npy'), f('inputs-not-npy/0.npy'));
  mkdirSync(f('inputs-wrong-shape'));
  npy(f('inputs-wrong-shape/0.npy'), '<f4', 7);

  // Imports derived from the golden bundle and report.
  const bundle = JSON.parse(readFileSync(join(GOLDEN, 'two-runs.dyno'), 'utf8')) as { formatVersion: number; runs: unknown[] };
  half(join(GOLDEN, 'two-runs.dyno'), f('truncated.dyno'));
  writeFileSync(f('newer.dyno'), JSON.stringify({ ...bundle, formatVersion: 99 }));
  writeFileSync(f('duplicated-ids.dyno'), JSON.stringify({ ...bundle, runs: [...bundle.runs, bundle.runs[0]] }));
  writeFileSync(f('no-runs-array.dyno'), JSON.stringify({ ...bundle, runs: 'none' }));
  half(join(GOLDEN, 'two-runs.html'), f('truncated.html'));
  writeFileSync(f('empty.json'), '');
  writeFileSync(f('hyperfine-nan.json'), JSON.stringify({ results: [{ command: 'x', mean: 'NaN', times: ['a'] }] }));
  mkdirSync(f('a-folder.dyno'));

  // Unusable homes: a file, a read-only folder, a disk that is full, a damaged, a foreign and a newer database.
  writeFileSync(f('home-is-a-file'), 'not a folder');
  // Root ignores file modes, so there a read-only home is one in sysfs, which refuses everyone.
  const readOnlyHome = process.getuid?.() === 0 ? '/sys/dyno-test-home' : f('home-read-only');
  if (readOnlyHome !== '/sys/dyno-test-home') {
    mkdirSync(readOnlyHome);
    chmodSync(readOnlyHome, 0o500);
  }
  mkdirSync(f('home-full-disk'));
  seedRuns(f('home-full-disk/dyno.db'), 1);
  mkdirSync(f('home-damaged'));
  writeFileSync(f('home-damaged/dyno.db'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4080, 0xab)]));
  mkdirSync(f('home-foreign'));
  foreignDatabase(f('home-foreign/dyno.db'));
  mkdirSync(f('home-newer'));
  const newer = new Database(f('home-newer/dyno.db'));
  newer.pragma('user_version = 999');
  newer.exec('CREATE TABLE t (x)');
  newer.close();

  // Command workloads: a file that is not executable, a program that floods its output.
  writeFileSync(f('not-executable.sh'), '#!/bin/sh\necho hi\n', { mode: 0o644 });
  const studiesHome = homeWithBrokenStudies(f('home-broken-studies'));

  const model = (name: string, file: string, says: RegExp): HostileCase[] => [
    { category: 'model file', name: `inspect: ${name}`, args: ['inspect', file], says, modelPath: file },
    { category: 'model file', name: `bench: ${name}`, args: ['bench', file, '-n', '3'], says },
  ];
  const flag = (name: string, extra: string[], says: RegExp): HostileCase => ({ category: 'flags', name, args: ['bench', CONV2D, ...extra], says });
  const inputs = (name: string, folder: string, says: RegExp): HostileCase => ({ category: 'inputs folder', name, args: ['bench', reluModel, '--inputs', folder, '-n', '3'], says });
  const imported = (name: string, file: string, says: RegExp): HostileCase => ({ category: 'import', name, args: ['import', file], says, importFile: file });
  const home = (name: string, at: string, says: RegExp): HostileCase => ({ category: 'DYNO_HOME', name, args: ['bench', CONV2D, '-n', '3'], says, home: at });
  const exec = (name: string, flags: string[], argv: string[], says: RegExp): HostileCase => ({ category: 'command workload', name, args: ['exec', '-r', '1', '-w', '0', ...flags, '--', ...argv], says });
  const optimize = (name: string, args: string[], says: RegExp): HostileCase => ({ category: 'optimizer', name, args: ['optimize', ...args], says });

  return [
    ...model('zero-byte file', f('zero.onnx'), /empty|zero|0 bytes/i),
    ...model('truncated model', f('truncated.onnx'), /truncat|protobuf|pars|load|invalid/i),
    ...model('random bytes', join(FIXTURES, 'random.onnx'), /protobuf|pars|load|invalid|not an onnx/i),
    ...model('a text file', join(FIXTURES, 'text.onnx'), /protobuf|pars|load|invalid|not an onnx/i),
    model('a textproto, not binary', join(FIXTURES, 'textproto.onnx'), /protobuf|pars|load|invalid|not an onnx/i)[0] as HostileCase,
    model('JSON named .onnx', join(FIXTURES, 'json.onnx'), /protobuf|pars|load|invalid|not an onnx/i)[0] as HostileCase,
    ...model('a zip archive', join(FIXTURES, 'zipped.onnx'), /zip|protobuf|pars|load|invalid|not an onnx/i),
    ...model('a directory', f('a-folder.onnx'), /folder|director|not a file/i),
    ...model('a symlink loop', f('loop-a.onnx'), /symbolic|symlink|loop|ELOOP|not a file|does not exist/i),
    model('a missing file', f('nowhere.onnx'), /does not exist|not found|no such/i)[0] as HostileCase,
    model('a tensor, not a model', f('only-a-tensor.onnx'), /graph|pars|load|invalid|not an onnx|no inputs/i)[0] as HostileCase,
    model('a model without a graph', f('no-graph.onnx'), /graph|pars|load|invalid|not an onnx|no inputs/i)[0] as HostileCase,
    ...model('unsupported opset 99', f('opset-99.onnx'), /opset|version/i),
    ...model('unknown operator', f('unknown-op.onnx'), /NoSuchOperator/),
    model('absurd dims (10⁹ per axis)', f('absurd-dims.onnx'), /would hold .* values/)[1] as HostileCase,
    ...model('external data missing', f('external-missing.onnx'), /external|weights-that-are-not-here|not found|exist/i),
    ...model('external data outside the folder', f('external-outside.onnx'), /external|outside|passwd/i),
    model('external data at an absolute path', f('sub/external-absolute.onnx'), /external|outside|absolute|hostname/i)[0] as HostileCase,

    flag('--iterations NaN', ['-n', 'NaN'], /--iterations/),
    flag('--iterations negative', ['-n', '-5'], /--iterations|unknown option/),
    flag('--iterations huge', ['-n', '1e30'], /--iterations/),
    flag('--threads not a number', ['--threads', 'many'], /--threads/),
    flag('--warmup negative', ['--warmup', '-1'], /--warmup|unknown option/),
    flag('--min-duration NaN', ['--min-duration', 'NaN'], /--min-duration/),
    flag('--max-duration Infinity', ['--max-duration', 'Infinity'], /--max-duration/),
    flag('unknown provider', ['--ep', 'quantum'], /quantum|--ep/),
    flag('--batch zero', ['--batch', '0'], /--batch/),
    flag('--dim without a value', ['--dim', 'N'], /--dim/),
    flag('--shape with a negative dim', ['--shape', 'x=1x-3'], /--shape/),
    flag('min iterations over max', ['--min-iterations', '50', '--max-iterations', '10'], /iterations/i),
    flag('--zeros with --inputs', ['--zeros', '--inputs', dir], /cannot be used with|conflict/i),
    flag('an unknown flag', ['--frobnicate'], /unknown option/),
    flag('--fail-if-slower negative', ['--fail-if-slower', '-10'], /--fail-if-slower|unknown option/),
    flag('--target nonsense', ['--target', 'fastness>>>1'], /--target|target/),

    inputs('.npy of int64 for a float32 input', f('inputs-int64'), /int64|float|dtype|type/i),
    inputs('truncated .pb', f('inputs-truncated-pb'), /input_0\.pb|truncat|pars|protobuf|invalid|index out of range/i),
    inputs('an empty folder', f('inputs-empty'), /no input|missing|empty|found/i),
    inputs('an .npy that is not one', f('inputs-not-npy'), /npy|magic|header|not/i),
    inputs('.npy of the wrong shape', f('inputs-wrong-shape'), /shape|size|dims|elements/i),
    inputs('a missing folder', f('inputs-nowhere'), /does not exist|not found|no such|folder/i),

    imported('truncated bundle', f('truncated.dyno'), /JSON|truncat|pars|not a/i),
    imported('foreign JSON', join(FIXTURES, 'foreign.json'), /not a|recogni|format|unknown/i),
    imported('bundle of a newer format', f('newer.dyno'), /newer|version|99/i),
    imported('bundle with a duplicated run id', f('duplicated-ids.dyno'), /duplicat|twice|same id/i),
    imported('bundle whose runs are not a list', f('no-runs-array.dyno'), /runs/i),
    imported('truncated HTML report', f('truncated.html'), /report|bundle|embedded|truncat|not a/i),
    imported('binary garbage', join(FIXTURES, 'garbage.dyno'), /not a|recogni|format|unknown|JSON/i),
    imported('an empty file', f('empty.json'), /empty|not a|recogni|format/i),
    imported('hyperfine export with NaN times', f('hyperfine-nan.json'), /hyperfine|times|mean|number|not a|recogni/i),
    imported('a directory', f('a-folder.dyno'), /not a file/i),

    home('DYNO_HOME is a file', f('home-is-a-file'), /DYNO_HOME|home-is-a-file|not a folder|directory/i),
    home('DYNO_HOME is read-only', readOnlyHome, /read-only|permission|writ|EACCES/i),
    { ...home('DYNO_HOME on a full disk', f('home-full-disk'), /could not open .*disk I\/O error.*left untouched/i), fileSizeLimitBlocks: 8 },
    { ...home('database file damaged', f('home-damaged'), /could not be read.*kept as/i), goesOn: true },
    home('database of another application', f('home-foreign'), /another application|not a Dyno database|foreign|invoices/i),
    home('database from a newer Dyno', f('home-newer'), /newer Dyno/),

    { ...exec('command not found', [], ['no-such-command-dyno'], /Command not found: no-such-command-dyno/), command: { argv: ['no-such-command-dyno'] } },
    { ...exec('a file that is not executable', [], [f('not-executable.sh')], /not-executable\.sh is not executable \(permission denied\)/), command: { argv: [f('not-executable.sh')] } },
    { ...exec('a working folder that does not exist', ['--cwd', f('cwd-nowhere')], ['true'], /Working folder not found/), command: { argv: ['true'], cwd: f('cwd-nowhere') } },
    exec('a hang past --timeout', ['--timeout', '1'], ['sleep', '60'], /timed out after 1\.0 s .*--timeout/),
    // 20 MB on stdout: measured like any run, only the output's tail kept, the host unharmed.
    { ...exec('a flood of output', [], ['sh', '-c', 'head -c 20000000 /dev/zero | tr "\\0" y'], /^/), goesOn: true },
    exec('a placeholder with no value', [], ['echo', '{n}'], /\{n\}.*--param/),
    { ...exec('a metric regex that is invalid', ['--metric', 'acc=(['], ['true'], /--metric/), command: { argv: ['true'], metrics: [{ name: 'acc', pattern: '([' }] } },
    { ...exec('an env var without =', ['--env', 'FOO'], ['true'], /--env takes NAME=value/), command: { argv: ['true'], env: { 'FOO BAR': 'x' } } },
    exec('--timeout NaN', ['--timeout', 'NaN'], ['true'], /--timeout/),

    optimize('--resume an unknown study', ['--resume', 'no-such-study'], /No study with id no-such-study/),
    { ...optimize('--resume a study whose stored spec is cut short', ['--resume', CORRUPT_STUDY], /cannot be read/), home: studiesHome, keeps: { study: CORRUPT_STUDY } },
    { ...optimize('--resume a sweep study', ['--resume', SWEEP_STUDY], /sweep study, not an optimizer study/), home: studiesHome, keeps: { study: SWEEP_STUDY } },
    optimize('an unknown factor', [CONV2D, '--factors', 'threads,warp'], /--factors/),
    optimize('--budget-ms NaN', [CONV2D, '--budget-ms', 'NaN'], /--budget-ms/),
    optimize('--memory-cap NaN', [CONV2D, '--memory-cap', 'NaN'], /--memory-cap/),
    optimize('--max-error negative', [CONV2D, '--max-error', '-1'], /--max-error/),
    optimize('a time budget too short for one trial', [CONV2D, '--time-budget', '1ms'], /time budget .* too short/i),
    optimize('a time budget that is not a duration', [CONV2D, '--time-budget', 'soon'], /--time-budget/),
    optimize('a model that is not one', [join(FIXTURES, 'random.onnx')], /protobuf|pars|load|invalid|not an onnx/i),
    optimize('neither a model nor --resume', [], /Give a model to optimize/),
  ];
}
