/**
 * A command typed on one line, split into the program and its arguments the way a POSIX shell
 * splits words ('single' and "double" quotes, backslash escapes) — and nothing more: no
 * variables, globs, pipes or redirections, because the result is spawned without a shell
 * (what `dyno exec -- prog args…` does with several arguments). A word that only a shell
 * would act on (`|`, `&&`, `;`, `>`…) is refused, so a line never means something other than
 * what runs.
 */

const SHELL_ONLY = new Set(['|', '||', '&', '&&', ';', '>', '>>', '<', '<<', '2>', '2>&1', '&>']);

/** `node train.mjs --batch {batch} --note 'a b'` → its words, or a sentence saying what is wrong. */
export function splitArgvLine(line: string): string[] | string {
  const words: string[] = [];
  /** Words typed bare: only those could be shell syntax ('|' quoted is an argument). */
  const bare: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let quote: "'" | '"' | undefined;
  const push = (): void => {
    words.push(word);
    if (!quoted) bare.push(word);
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = quoted = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = quoted = true;
    } else if (/\s/.test(c)) {
      if (inWord) push();
      word = '';
      inWord = quoted = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return `a ${quote === "'" ? 'single' : 'double'} quote is not closed`;
  if (inWord) push();
  if (words.length === 0) return 'type the program and its arguments';
  const shellWord = bare.find((w) => SHELL_ONLY.has(w));
  if (shellWord) return `'${shellWord}' is shell syntax, and the command runs without a shell: put the pipeline in a script and give the script here`;
  return words;
}
