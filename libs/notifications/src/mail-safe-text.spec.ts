import { describe, expect, it } from '@jest/globals';
import { mailSafe } from './mail-safe-text.js';

/** Roughly what mail clients autolink: schemes, www. hosts, bare domains and addresses. */
const LINKABLE = /[a-z][\w+.-]*:\/\/|www\.|[\p{L}\p{N}-]+\.[\p{L}]{2,}|\S+@\S+/iu;

describe('mailSafe', () => {
  it('keeps ordinary names as they are', () => {
    expect(mailSafe('Contoso Managed Services, Inc.')).toBe('Contoso Managed Services, Inc.');
    expect(mailSafe('  Zoë  Müller ')).toBe('Zoë Müller');
  });

  it('puts a name on one line, without control or invisible characters', () => {
    const name = 'Acme\r\nBcc: victim@example.test\u202E\u0007 Corp\u2028x';
    const safe = mailSafe(name);
    expect(safe).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
    expect(safe.startsWith('Acme Bcc')).toBe(true);
  });

  it.each([
    'Acme https://evil.example/login',
    'Acme http://2130706433',
    'Visit www.evil.example now',
    'Booking.com',
    'pay at evil.example',
    'mail billing@evil.example',
    'javascript://%0Aalert(1)',
  ])('leaves nothing a mail client would link in %j', (name) => {
    expect(mailSafe(name)).not.toMatch(LINKABLE);
  });
});
