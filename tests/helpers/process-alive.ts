/** Whether a process still exists (signal 0 probes without touching it); tests check their children are gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
