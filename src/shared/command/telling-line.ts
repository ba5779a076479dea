/**
 * The one line of a failed program's output that says why it failed, so a failure's reason
 * is "Error: Cannot find module …" rather than the runtime's version banner that ends a Node
 * stack trace. Pure: the executor reads it from the bounded stderr tail, and the optimizer
 * from a stored run's error text.
 */

/** An exception's headline (TypeError [CODE]: …, ModuleNotFoundError: …) or a program's "error: …" line. */
const HEADLINE = /(?:^|[\s:])(?:[\w.]*(?:Error|Exception)(?:\s*\[[^\]]*\])?:|(?:error|fatal):)|^(?:error|fatal)\b/i;
/** Lines that read like a reason when there is no headline: a shell's "not found", a traceback's start. */
const SAYS_WHY = /traceback|no such file|not found|unknown|invalid|denied|refused|cannot|can't/i;
/** A stack frame ("at f (file:1:2)", 'File "x.py", line 1'): never the reason. */
const FRAME = /^(?:at\s|File\s")/;
/** The runtime's version line that Node (and Bun, Deno) print after an uncaught error. */
const BANNER = /^(?:Node\.js|Bun|Deno|Python)\s+v?\d+(?:\.\d+)*\s*$/;

export function tellingLine(text: string): string | undefined {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !FRAME.test(l) && !BANNER.test(l))
    .reverse();
  return lines.find((l) => HEADLINE.test(l)) ?? lines.find((l) => SAYS_WHY.test(l)) ?? lines[0];
}
