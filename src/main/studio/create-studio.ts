/**
 * Composition root: wires the store, the worker spawner and the sample library into a Studio.
 * Every front end (Electron, `dyno serve`, the CLI, tests) builds its studio here, passing only
 * what differs between them.
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import type { AppInfo } from '../../shared/contract';
import { openDatabase } from '../store/database';
import { RunsRepository } from '../store/runs-repository';
import { StudiesRepository } from '../store/studies-repository';
import { RunCatalog } from '../store/run-catalog';
import { RunBin } from '../store/run-bin';
import { BundleStore } from '../store/bundle-store';
import { loadSamples } from '../models/samples';
import type { WorkerSpawnSpec } from '../child/fork-worker';
import { onnxWorkerExecutor } from '../executor/onnx-worker';
import { commandExecutor } from '../executor/command-executor';
import { workloadExecutor } from '../executor/route-workload';
import { appRoot, appVersion, defaultHome } from './paths';
import { Studio } from './studio';
import { ensureHome } from './ensure-home';
import { orphansNotice, purgedNotice } from './startup-notices';
import { ProviderCache } from './provider-cache';
import { WarmInspector } from '../child/warm-inspector';
import { InspectionsOnDisk } from './inspections-on-disk';
import { findRaplDomains } from '../telemetry/rapl';
import { probeGpuTelemetry, type GpuPresence } from '../telemetry/gpu-presence';
import { environmentFingerprint } from '../telemetry/environment';

export interface CreateStudioOptions {
  home?: string;
  worker?: WorkerSpawnSpec;
  /** better-sqlite3 binary built for this runtime's ABI (Electron needs its own). */
  sqliteNativeBinding?: string;
  electronVersion?: string | null;
  /** Where to look for nvidia-smi (defaults to PATH); tests point it at a stand-in. */
  pathEnv?: string;
  /**
   * Runs command workloads (`dyno exec`, the studio's Command source). Off unless a front end
   * asks: `dyno serve` only with --allow-commands, since a browser must not become a shell.
   */
  allowCommands?: boolean;
  /** The NVML library to read (defaults to the driver's, or DYNO_NVML_LIBRARY); null: nvidia-smi only. */
  nvmlLibrary?: string | null;
  /**
   * A long session (`dyno serve`, the desktop app): one inspection worker kept up for it, and the
   * providers probed and the default sample inspected at start, so a first load waits on
   * neither. Off for the CLI, whose commands are over before a warm worker would pay.
   */
  warm?: boolean;
}

export interface StudioHandle {
  studio: Studio;
  home: string;
  databasePath: string;
  notices: string[];
  close(): void;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The worker entry beside this module: the built `worker.js` in production, or the TypeScript
 * source through tsx when running from source (tests, `npm run dev:serve`).
 */
export function defaultWorkerSpec(root = appRoot()): WorkerSpawnSpec {
  const fromSource = fileURLToPath(import.meta.url).endsWith('.ts');
  return fromSource
    ? { script: join(root, 'src/main/child/worker.ts'), execArgv: ['--import', 'tsx'] }
    : { script: join(root, 'out/main/worker.js'), execArgv: [] };
}

export function createStudio(options: CreateStudioOptions = {}): StudioHandle {
  const root = appRoot();
  const home = options.home ?? defaultHome();
  ensureHome(home);
  const databasePath = join(home, 'dyno.db');
  const opened = openDatabase(databasePath, { nativeBinding: options.sqliteNativeBinding });
  const repo = new RunsRepository(opened.db, process.pid, isProcessAlive);
  const notices = opened.notice ? [opened.notice] : [];
  const orphans = repo.markOrphansInterrupted();
  if (orphans > 0) notices.push(orphansNotice(orphans));
  // Only with the user's setting: without one, deleted runs wait in the bin until emptied.
  const bin = new RunBin(opened.db);
  const expired = bin.purgeExpired(new Date());
  if (expired.purged > 0 && expired.days !== null) notices.push(purgedNotice(expired.purged, expired.days));
  const version = appVersion(root);
  const worker = options.worker ?? defaultWorkerSpec(root);
  const providers = new ProviderCache(worker, join(root, 'resources', 'models', 'conv2d.onnx'));
  const cpuList = cpus();
  const info = (): AppInfo => ({
    version,
    ortVersion: ort.env.versions.node ?? ort.env.versions.common,
    nodeVersion: process.versions.node,
    electronVersion: options.electronVersion ?? null,
    platform: `${process.platform}-${process.arch}`,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown CPU',
    logicalCores: cpuList.length,
    totalMemoryBytes: totalmem(),
    home,
    databasePath,
    executionProviders: providers.current(),
    notices,
    commandsAllowed: options.allowCommands ?? false,
  });
  const rapl = findRaplDomains();
  let gpuPresence: Promise<GpuPresence> | undefined;
  const gpu = (): Promise<GpuPresence> => (gpuPresence ??= probeGpuTelemetry({ ...(options.pathEnv === undefined ? {} : { pathEnv: options.pathEnv }), ...(options.nvmlLibrary === undefined ? {} : { nvmlPath: options.nvmlLibrary }) }));
  const studies = new StudiesRepository(opened.db);
  const inspector = options.warm ? new WarmInspector(worker) : undefined;
  const studio = new Studio({
    telemetry: { rapl, gpu },
    environment: async (executionProvider) =>
      environmentFingerprint({ executionProvider, electronVersion: options.electronVersion ?? null, gpu: await gpu() }),
    repo,
    catalog: new RunCatalog(opened.db),
    bin,
    studies,
    bundles: new BundleStore(opened.db, repo, studies),
    worker,
    executor: workloadExecutor({ model: onnxWorkerExecutor(worker), command: commandExecutor() }),
    allowCommands: options.allowCommands ?? false,
    providers,
    samples: loadSamples(join(root, 'resources', 'models')),
    home,
    info,
    ...(inspector ? { inspect: (path: string) => inspector.inspect(path), inspectionStore: new InspectionsOnDisk(join(home, 'cache', 'inspections'), `dyno ${version}, onnxruntime ${info().ortVersion}`) } : {}),
  });
  if (inspector) {
    // The worker starts with the warm-up only where the default sample must be inspected (its
    // first inspection starts it); where the sample was kept on disk (a second start), it
    // starts once the warm-up is over, not while a first page load is sharing the cores.
    void studio.warmUp().then(() => inspector.start());
  }
  return {
    studio,
    home,
    databasePath,
    notices,
    close: () => {
      inspector?.close();
      opened.db.close();
    },
  };
}
