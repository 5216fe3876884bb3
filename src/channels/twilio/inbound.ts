import { type InboundMessage } from '../../reply/types';

/** Turns a Twilio messaging webhook form (Body, NumMedia, ...) into the channel-neutral message the bot reads. */
export function toInboundMessage(params: Readonly<Record<string, string>>): InboundMessage {
  const mediaCount = Number.parseInt(params.NumMedia ?? '0', 10);
  return { text: params.Body ?? '', mediaCount: Number.isFinite(mediaCount) && mediaCount > 0 ? mediaCount : 0 };
}
