import { signedUrl } from '../channels/twilio/webhook-url';
import { type Config } from '../config/config';

/** Which URL the server checks Twilio signatures against, said in its start-up line so a mismatch with the console is seen at once. */
export function describeSignatureUrl(config: Pick<Config, 'publicUrl' | 'trustProxy' | 'publicHosts' | 'skipTwilioSignature'>): string {
  if (config.skipTwilioSignature) return 'none: SKIP_TWILIO_SIGNATURE is on';
  // The path is the webhook's own; PUBLIC_URL may already end with it (see signedUrl).
  if (config.publicUrl !== undefined) return signedUrl('http://localhost/bot', config.publicUrl);
  const hosts = config.publicHosts.length > 0 ? ` (hosts allowed: ${config.publicHosts.join(', ')})` : '';
  if (config.trustProxy) return `the URL rebuilt from X-Forwarded-Proto and X-Forwarded-Host + /bot${hosts}`;
  return `the URL each request was sent to (its Host header) + /bot${hosts}; set PUBLIC_URL to the address Twilio calls`;
}
