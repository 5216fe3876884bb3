import { expect } from 'chai';
import { parseSince } from '../../src/cli/parse-since';
import { UsageError } from '../../src/cli/settings';

describe('parseSince', () => {
  const now = Date.parse('2026-11-27T12:00:00.000Z');

  it('reads ages in hours, days and weeks back from now', () => {
    expect(parseSince('36h', now)).to.equal('2026-11-26T00:00:00.000Z');
    expect(parseSince('7d', now)).to.equal('2026-11-20T12:00:00.000Z');
    expect(parseSince('2W', now)).to.equal('2026-11-13T12:00:00.000Z');
  });

  it('reads a date as its UTC midnight', () => {
    expect(parseSince('2026-11-01', now)).to.equal('2026-11-01T00:00:00.000Z');
  });

  it('refuses anything else as a usage error that shows the forms it takes', () => {
    for (const text of ['', '7', 'seven days', '7m', '2026-13-45']) expect(() => parseSince(text, now), text).to.throw(UsageError, /--since must be an age such as 7d/);
  });
});
