import { createHash } from 'node:crypto';

/** A phone number as Twilio writes it: `+` and 6 to 15 digits (E.164). */
const E164 = /^\+\d{6,15}$/;

/**
 * The phone number in a sender address or in what an operator types: `whatsapp:+44 7700 900123`, `+44 (7700) 900-123`
 * and `447700900123` all give `+447700900123`. Null when there is no number in it.
 */
export function senderNumber(address: string): string | null {
  const bare = address.trim().replace(/^[a-z]+:/i, '').replace(/[\s().-]/g, '');
  const number = bare.startsWith('+') ? bare : `+${bare}`;
  return E164.test(number) ? number : null;
}

/** The `From` values a number arrives as from Twilio: plain for SMS, `whatsapp:` for WhatsApp. */
export function senderAddresses(number: string): string[] {
  return [number, `whatsapp:${number}`];
}

/**
 * What the log keeps of a number erased by `faqbot forget`: its SHA-256, which matches later writes of that number without
 * storing it. A hash of a phone number is a pseudonym, not anonymous (numbers can be guessed), so it is pruned like messages.
 */
export function senderHash(address: string): string {
  return createHash('sha256')
    .update(senderNumber(address) ?? address.trim().toLowerCase())
    .digest('hex');
}
