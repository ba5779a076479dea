import { describe, expect, it } from 'vitest';
import { tellingLine } from '../../../src/shared/command/telling-line';

// Real stderr, captured verbatim from the programs named.
/** `node nosuch.mjs` (Node 20): the reason is mid-stack, the last line is the version banner. */
const NODE_MISSING_MODULE = "node:internal/modules/cjs/loader:1210\n  throw err;\n  ^\n\nError: Cannot find module '/tmp/nosuch.mjs'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)\n    at Module._load (node:internal/modules/cjs/loader:1038:27)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)\n    at node:internal/main/run_main_module:28:49 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v20.20.2\n";
/** `python3 -c 'import nosuchmodule'`. */
const PYTHON_TRACEBACK = "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nModuleNotFoundError: No module named 'nosuchmodule'\n";
/** `sh -c 'nosuchcmd --x'` (dash). */
const SH_NOT_FOUND = "sh: 1: nosuchcmd: not found\n";

describe("the line of a failed program's output that says why", () => {
  it("is Node's exception headline, not its version banner", () => {
    expect(tellingLine(NODE_MISSING_MODULE)).toBe("Error: Cannot find module '/tmp/nosuch.mjs'");
  });
  it("is a Python traceback's exception line, not its frames", () => {
    expect(tellingLine(PYTHON_TRACEBACK)).toBe("ModuleNotFoundError: No module named 'nosuchmodule'");
  });
  it("is a shell's \"not found\"", () => {
    expect(tellingLine(SH_NOT_FOUND)).toBe('sh: 1: nosuchcmd: not found');
    expect(tellingLine('bash: line 1: nosuchcmd: command not found\n')).toBe('bash: line 1: nosuchcmd: command not found');
  });
  it("is a program's error: line, else its last line that is not a banner", () => {
    expect(tellingLine('usage: x [-h]\nx: error: unrecognized arguments: --amp\n')).toBe('x: error: unrecognized arguments: --amp');
    expect(tellingLine('step 1\nloss went to nan\n\nNode.js v20.20.2\n')).toBe('loss went to nan');
    expect(tellingLine('  \n')).toBeUndefined();
  });
});
