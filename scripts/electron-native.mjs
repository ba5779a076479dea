// better-sqlite3 is a native addon: Node (tests, CLI, `dyno serve`) and Electron need builds
// for different ABIs. Rebuilding in place would break one for the other, so the Electron build
// goes to .native/electron-<version>-<platform>-<arch>/better_sqlite3.node, which the Electron
// entry passes to better-sqlite3 as its nativeBinding. Prebuilt binaries are fetched with
// prebuild-install (shipped with better-sqlite3); a source build via node-gyp is the fallback.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronVersion } from './electron-binary.mjs';

export function electronSqlitePath(version = electronVersion()) {
  return resolve('.native', `electron-${version}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
}

export function ensureElectronSqlite() {
  const version = electronVersion();
  const target = electronSqlitePath(version);
  if (existsSync(target)) return true;
  const work = mkdtempSync(join(tmpdir(), 'dyno-sqlite-electron-'));
  try {
    const source = resolve('node_modules/better-sqlite3');
    // Everything but the Node build, which must stay as it is.
    cpSync(source, work, { recursive: true, filter: (src) => !src.startsWith(join(source, 'build')) });
    const bin = (name) => resolve('node_modules', '.bin', name);
    // npm tells its scripts where its own node-gyp is (there is no node_modules/.bin/node-gyp).
    const nodeGyp = process.env.npm_config_node_gyp;
    const attempts = [
      [bin('prebuild-install'), ['--runtime=electron', `--target=${version}`, `--arch=${process.arch}`]],
      ...(nodeGyp ? [[process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers']]] : []),
    ];
    for (const [cmd, args] of attempts) {
      if (!existsSync(cmd)) continue;
      const r = spawnSync(cmd, args, { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } });
      const built = join(work, 'build', 'Release', 'better_sqlite3.node');
      if (r.status === 0 && existsSync(built)) {
        mkdirSync(resolve(target, '..'), { recursive: true });
        cpSync(built, target);
        console.log(`dyno: better-sqlite3 built for Electron ${version}.`);
        return true;
      }
    }
    console.error(`dyno: could not get better-sqlite3 for Electron ${version} (offline?); the desktop app needs it, \`dyno serve\` does not.`);
    return false;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
