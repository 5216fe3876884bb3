import { expect } from 'chai';
import { createWriteQueue } from '../../src/store/write-queue';
import { type QueuedMessage } from '../../src/store/types';

const queued = (messageSid: string | null, text = 'hi'): QueuedMessage => ({
  messageSid,
  sender: 'whatsapp:+447700900123',
  body: text,
  messages: [text],
  answerId: null,
  score: 0,
  fallback: 'greeting',
  receivedAt: '2026-01-01T00:00:00.000Z',
});

describe('createWriteQueue', () => {
  it('hands out the oldest messages first, at most as many as asked, and forgets them once written', () => {
    const queue = createWriteQueue(10);
    for (const sid of ['SM1', 'SM2', 'SM3']) queue.add(queued(sid));
    const batch = queue.oldest(2);
    expect(batch.map((entry) => entry.key)).to.deep.equal(['SM1', 'SM2']);
    queue.remove(batch);
    expect(queue.size).to.equal(1);
    expect(queue.get('SM1')).to.equal(undefined);
    expect(queue.get('SM3')?.messageSid).to.equal('SM3');
  });

  it('keeps the first message of a MessageSid, and every message without one', () => {
    const queue = createWriteQueue(10);
    queue.add(queued('SM1', 'first'));
    queue.add(queued('SM1', 'second'));
    queue.add(queued(null, 'a'));
    queue.add(queued(null, 'b'));
    expect(queue.size).to.equal(3);
    expect(queue.get('SM1')?.body).to.equal('first');
  });

  it('drops and returns the oldest message when full', () => {
    const queue = createWriteQueue(2);
    expect(queue.add(queued('SM1'))).to.equal(undefined);
    expect(queue.add(queued('SM2'))).to.equal(undefined);
    expect(queue.add(queued('SM3'))?.messageSid).to.equal('SM1');
    expect(queue.oldest(5).map((entry) => entry.key)).to.deep.equal(['SM2', 'SM3']);
  });
});
