import { type InboundMessage, type MessageKind } from '../../reply/types';

/** Which kind of WhatsApp message a Twilio form describes; MessageType is set by Twilio for WhatsApp, the other fields cover older payloads. */
export function messageKind(params: Readonly<Record<string, string>>): MessageKind {
  const type = (params.MessageType ?? '').toLowerCase();
  if (type === 'location' || (params.Latitude !== undefined && params.Longitude !== undefined)) return 'location';
  if (type === 'button' || type === 'interactive' || (params.ButtonText ?? '') !== '') return 'button';
  return 'text';
}

/** Turns a Twilio messaging webhook form (Body, NumMedia, ButtonText, Latitude, ...) into the channel-neutral message the bot reads. */
export function toInboundMessage(params: Readonly<Record<string, string>>): InboundMessage {
  const mediaCount = Number.parseInt(params.NumMedia ?? '0', 10);
  const kind = messageKind(params);
  const body = params.Body ?? '';
  // A tapped button's text is the question the user chose; Body normally repeats it, but not on every payload.
  const text = kind === 'button' && body.trim() === '' ? (params.ButtonText || params.ButtonPayload || '') : body;
  return { text, mediaCount: Number.isFinite(mediaCount) && mediaCount > 0 ? mediaCount : 0, kind };
}
