import { describe, expect, it } from 'vitest';
import { failureText } from '../../../src/main/optimizer/command/trials';

describe('a failed trial in one line', () => {
  it("keeps the executor's first line, which names the program's reason, without the quoted output", () => {
    const error = "`node nosuch.mjs --amp` exited with code 1 on run 1: Error: Cannot find module '/tmp/nosuch.mjs'; its last output:\n  requireStack: []\n}\n\nNode.js v20.20.2";
    expect(failureText(error)).toBe("`node nosuch.mjs --amp` exited with code 1 on run 1: Error: Cannot find module '/tmp/nosuch.mjs'");
    expect(failureText('spawn nope ENOENT')).toBe('spawn nope ENOENT');
  });
  it('reads the reason from the quoted output of an error stored before the executor named it', () => {
    const error = "`node t.mjs --bogus` exited with code 1 on run 1; its last output:\nnode:internal/parse_args:98\n    throw new ERR_PARSE_ARGS_UNKNOWN_OPTION(\nTypeError [ERR_PARSE_ARGS_UNKNOWN_OPTION]: Unknown option '--bogus'\n    at checkOptionUsage (node:internal/util/parse_args:98:11)\n}\n\nNode.js v20.20.2";
    expect(failureText(error)).toBe("`node t.mjs --bogus` exited with code 1 on run 1: TypeError [ERR_PARSE_ARGS_UNKNOWN_OPTION]: Unknown option '--bogus'");
    expect(failureText('`x` exited with code 2 on run 1; its last output:\nusage: x [-h]\nx: error: unrecognized arguments: --amp')).toBe('`x` exited with code 2 on run 1: x: error: unrecognized arguments: --amp');
  });
});
