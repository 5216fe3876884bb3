import MessagingResponse from 'twilio/lib/twiml/MessagingResponse';

/** Renders reply texts as TwiML, one <Message> each; no texts renders an empty <Response/>, which sends nothing. */
export function renderTwiml(messages: readonly string[]): string {
  const response = new MessagingResponse();
  for (const text of messages) response.message(text);
  return response.toString();
}
