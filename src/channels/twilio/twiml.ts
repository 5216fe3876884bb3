import MessagingResponse from 'twilio/lib/twiml/MessagingResponse';

/**
 * Replies rendered recently, by their texts. A bot answers from a fixed set of texts (the corpus answers and reply
 * templates), and twilio's MessagingResponse builds a whole XML document per call, which costs more than the rest of
 * sending a reply; the set is bounded so that replies quoting a question cannot grow it without end.
 */
const rendered = new Map<string, string>();
const MAX_RENDERED = 1000;

/** Renders reply texts as TwiML, one <Message> each; no texts renders an empty <Response/>, which sends nothing. */
export function renderTwiml(messages: readonly string[]): string {
  const key = JSON.stringify(messages);
  const known = rendered.get(key);
  if (known !== undefined) return known;
  const response = new MessagingResponse();
  for (const text of messages) response.message(text);
  const twiml = response.toString();
  // The oldest entry goes first: a Map iterates in insertion order.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: only bounds the cache; a reply rendered again is the same TwiML, so only memory use can tell.
  if (rendered.size >= MAX_RENDERED) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, twiml);
  return twiml;
}
