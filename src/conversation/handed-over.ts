import { type Logger } from '../log/logger';
import { senderNumber } from '../store/sender-key';
import { type StateStore } from './state-store';

/**
 * Whether the sender (`From` as Twilio sends it) is in a hand-off at `now`: a person has taken over and the bot stays
 * silent. A state that cannot be read counts as no hand-off (logged), as the webhook then answers the message as new.
 */
export async function isHandedOver(store: StateStore, from: string, now: number, logger: Logger): Promise<boolean> {
  const sender = senderNumber(from);
  if (sender === null) return false;
  try {
    // The store drops a pause that has ended (StateStore.get), so one that is there is live.
    return (await store.get(sender, now))?.pause !== undefined;
  } catch (error) {
    logger.warn({ err: error }, 'could not read the conversation state; the rate-limit notice is sent');
    return false;
  }
}
