import { splitMessage, TWILIO_MESSAGE_LIMIT } from './split-message';

/**
 * Splits a reply into messages Twilio accepts with a numbered list kept whole at the end: after the last part of the
 * text when both fit in one message, else as a message of its own.
 */
export function splitWithList(text: string, list: string | undefined, limit = TWILIO_MESSAGE_LIMIT): string[] {
  const parts = splitMessage(text, limit);
  if (list === undefined || list === '') return parts;
  const last = parts.at(-1);
  const joined = last === undefined ? list : `${last}\n\n${list}`;
  if (joined.length <= limit) return [...parts.slice(0, -1), joined];
  return [...parts, ...splitMessage(list, limit)];
}
