import { describe, expect, it } from '@jest/globals';
import { hashPassword, needsRehash, verifyNoAccount, verifyPassword } from './password-hasher.js';
import { assertAcceptablePassword } from './password-policy.js';

describe('password hashing', () => {
  it('uses argon2id with at least OWASP’s parameters (m ≥ 19456 KiB, t ≥ 2, p = 1)', async () => {
    const hash = await hashPassword('correct horse battery staple');
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
    expect(match).not.toBeNull();
    const [, m, t, p] = match!.map(Number);
    expect(m).toBeGreaterThanOrEqual(19_456);
    expect(t).toBeGreaterThanOrEqual(2);
    expect(p).toBe(1);
    expect(needsRehash(hash)).toBe(false);
    expect(needsRehash('$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
  });

  it('never truncates: two long passwords differing at character 80 do not match', async () => {
    const base = 'x'.repeat(79);
    const hash = await hashPassword(`${base}A${'y'.repeat(20)}`);
    expect(await verifyPassword(hash, `${base}A${'y'.repeat(20)}`)).toBe(true);
    expect(await verifyPassword(hash, `${base}B${'y'.repeat(20)}`)).toBe(false);
  });

  it('round-trips a 64-character emoji password', async () => {
    const emoji = '🔐'.repeat(64);
    assertAcceptablePassword(emoji);
    expect(await verifyPassword(await hashPassword(emoji), emoji)).toBe(true);
  });

  it('fails closed on a malformed stored hash, and always fails for a missing account', async () => {
    expect(await verifyPassword('not-a-hash', 'anything at all')).toBe(false);
    expect(await verifyNoAccount('anything at all')).toBe(false);
  });
});

describe('password policy', () => {
  it.each([
    ['short', 'PASSWORD_TOO_SHORT'],
    ['password123', 'PASSWORD_BREACHED'],
    ['Password123', 'PASSWORD_BREACHED'],
    ['nul\u0000 inside the password', 'PASSWORD_INVALID'],
    ['lone \uD800 surrogate here', 'PASSWORD_INVALID'],
    ['z'.repeat(257), 'PASSWORD_TOO_LONG'],
  ])('refuses %j with %s', (password, code) => {
    let refusal: unknown;
    try {
      assertAcceptablePassword(password);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code, kind: 'invalid_input' });
  });

  it('accepts long passphrases with no composition rules', () => {
    expect(() => assertAcceptablePassword('all lower case words are fine here')).not.toThrow();
    expect(() => assertAcceptablePassword('z'.repeat(256))).not.toThrow();
  });
});
