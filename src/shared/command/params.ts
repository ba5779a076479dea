/**
 * Parameter scans, as hyperfine's `--parameter-list`: `--param batch=8,16,32 --param amp=on,off`
 * substitutes `{batch}` and `{amp}` into the command, and every combination is one run of a
 * study. A placeholder with no parameter, or a parameter no placeholder uses, is refused
 * before anything runs.
 */
export interface CommandParam {
  name: string;
  values: string[];
}

const PLACEHOLDER = /\{([A-Za-z_][\w-]*)\}/g;

/** `batch=8,16,32` → a parameter, or a sentence saying what is wrong. */
export function parseParam(spec: string): CommandParam | string {
  const eq = spec.indexOf('=');
  const name = spec.slice(0, eq).trim();
  const values = spec
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim());
  if (eq <= 0 || !/^[A-Za-z_][\w-]*$/.test(name)) return `'${spec}' is not a parameter: write it as name=value1,value2 (e.g. batch=8,16,32).`;
  if (values.some((v) => v === '')) return `--param ${name}: a value is empty in '${spec}'.`;
  if (new Set(values).size !== values.length) return `--param ${name}: a value is listed twice in '${spec}'.`;
  return { name, values };
}

/** The placeholders a command uses, in order of first use. */
export function placeholdersOf(argv: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const arg of argv) for (const m of arg.matchAll(PLACEHOLDER)) if (m[1]) seen.add(m[1]);
  return [...seen];
}

/** A problem with the parameters against the command, in one sentence; undefined when they fit. */
export function paramProblem(argv: readonly string[], params: readonly CommandParam[]): string | undefined {
  const names = new Set<string>();
  for (const p of params) {
    if (names.has(p.name)) return `--param ${p.name} is given twice: list all its values in one, e.g. ${p.name}=a,b.`;
    names.add(p.name);
  }
  const used = placeholdersOf(argv);
  const missing = used.filter((u) => !names.has(u));
  if (missing.length > 0) return `The command uses ${missing.map((m) => `{${m}}`).join(', ')} but no --param gives ${missing.length > 1 ? 'them values' : 'it a value'} (e.g. --param ${missing[0]}=1,2).`;
  const unused = params.filter((p) => !used.includes(p.name));
  if (unused.length > 0) return `--param ${unused.map((u) => u.name).join(', ')}: the command has no {${unused[0]?.name}} placeholder to put ${unused.length > 1 ? 'their values' : 'its values'} in.`;
  return undefined;
}

/** Every combination, the first parameter varying slowest (as hyperfine lists them). */
export function combinations(params: readonly CommandParam[]): Record<string, string>[] {
  return params.reduce<Record<string, string>[]>((acc, p) => acc.flatMap((combo) => p.values.map((v) => ({ ...combo, [p.name]: v }))), [{}]);
}

export function substitute(argv: readonly string[], values: Readonly<Record<string, string>>): string[] {
  return argv.map((arg) => arg.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole));
}

/** The parameters whose every value is a number: those a scaling fit (time ∝ n^k) applies to. */
export function numericParams(params: readonly CommandParam[]): CommandParam[] {
  return params.filter((p) => p.values.length > 1 && p.values.every((v) => Number.isFinite(Number(v)) && Number(v) > 0));
}
