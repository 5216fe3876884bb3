import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature of a hand-off notification. */
export const SIGNATURE_HEADER = 'X-Faqbot-Signature';

/** The signature of a raw request body: `sha256=` and the hex HMAC-SHA256 of the body keyed by HANDOFF_WEBHOOK_SECRET. */
export function signBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** True when `signature` is the signature of `body` under `secret`, compared in constant time; what a receiver runs. */
export function verifyBodySignature(body: string | Buffer, secret: string, signature: string | undefined): boolean {
  if (signature === undefined) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
