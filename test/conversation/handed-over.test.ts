import { expect } from 'chai';
import { isHandedOver } from '../../src/conversation/handed-over';
import { openSqliteStateStore } from '../../src/conversation/sqlite-state-store';
import { type StateStore } from '../../src/conversation/state-store';
import { captureLog, type CapturedLog } from '../helpers/log-capture';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
const ADA = '+447700900123';

describe('isHandedOver: whether a person has taken over a sender', () => {
  let dir: TempDir;
  let store: StateStore;
  let log: CapturedLog;
  beforeEach(() => {
    log = captureLog();
    dir = makeTempDir();
    store = openSqliteStateStore(`${dir.path}/messages.sqlite`);
  });
  afterEach(async () => {
    await store.close();
    dir.cleanup();
  });

  it('is true during a pause, for the number as Twilio sends it, and false once the pause ends', async () => {
    await store.set(ADA, { fallbackStreak: 0, pause: { startedAt: NOW, until: NOW + 1000, reason: 'asked' } }, NOW);
    expect(await isHandedOver(store, `whatsapp:${ADA}`, NOW + 999, log.logger)).to.equal(true);
    expect(await isHandedOver(store, ADA, NOW + 999, log.logger)).to.equal(true);
    expect(await isHandedOver(store, `whatsapp:${ADA}`, NOW + 1000, log.logger)).to.equal(false);
  });

  it('is false for a sender with other state, with none, or with no number', async () => {
    await store.set(ADA, { fallbackStreak: 2 }, NOW);
    expect(await isHandedOver(store, `whatsapp:${ADA}`, NOW, log.logger)).to.equal(false);
    expect(await isHandedOver(store, 'whatsapp:+447700900456', NOW, log.logger)).to.equal(false);
    expect(await isHandedOver(store, 'whatsapp:nobody', NOW, log.logger)).to.equal(false);
    // Plain answers, not read failures: nothing is logged.
    expect(log.lines()).to.deep.equal([]);
  });

  it('is false, and says so in the log, when the state cannot be read', async () => {
    const failing: StateStore = { ...store, get: () => Promise.reject(new Error('SQLITE_CORRUPT: database disk image is malformed')) };
    expect(await isHandedOver(failing, `whatsapp:${ADA}`, NOW, log.logger)).to.equal(false);
    const warning = log.lines().find((line) => line.level === 40 && String(line.msg).includes('could not read the conversation state'));
    expect(warning?.err).to.include({ message: 'SQLITE_CORRUPT: database disk image is malformed' });
  });
});
