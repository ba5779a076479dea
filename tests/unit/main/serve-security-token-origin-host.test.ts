import { describe, expect, it } from 'vitest';
import { allowedHosts, checkApiRequest, tokensEqual } from '../../../src/main/serve/security';

const token = 'a'.repeat(32);
const hosts = allowedHosts('127.0.0.1', 4780);
const req = (q: string, host = '127.0.0.1:4780', origin: string | undefined = 'http://127.0.0.1:4780') =>
  checkApiRequest({ url: new URL(`http://x/api${q}`), host, origin, token, hosts });

describe('dyno serve admits only its own page with its token', () => {
  it('accepts the right token from its own origin', () => {
    expect(req(`?token=${token}`)).toEqual({ ok: true });
    expect(req(`?token=${token}`, 'localhost:4780', 'http://localhost:4780')).toEqual({ ok: true });
  });
  it('refuses no token and a wrong token with 401', () => {
    expect(req('')).toMatchObject({ ok: false, status: 401 });
    expect(req(`?token=${'b'.repeat(32)}`)).toMatchObject({ ok: false, status: 401 });
    expect(req('?token=short')).toMatchObject({ ok: false, status: 401 });
  });
  it('refuses a foreign Origin with 403, even with the token', () => {
    expect(req(`?token=${token}`, '127.0.0.1:4780', 'http://evil.example')).toMatchObject({ ok: false, status: 403 });
  });
  it('refuses a rebinding Host with 403', () => {
    expect(req(`?token=${token}`, 'evil.example:4780', 'http://evil.example:4780')).toMatchObject({ ok: false, status: 403 });
  });
  it('compares tokens without short-circuiting on length errors', () => {
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(undefined, token)).toBe(false);
    expect(tokensEqual('x', token)).toBe(false);
  });
});
