import { BAKERY_CSV } from './fixtures';

/** An answer of 1,700-odd characters: the terms an editor pastes in, over one WhatsApp message. */
export const LONG_ANSWER = `${'Orders can be changed or cancelled until 24 hours before collection, in the shop or by phone. '.repeat(18)}`.trim();

/**
 * The bakery corpus with one of each mistake lint finds planted in it, at known lines:
 * 18 a question under the wrong id (confusing), 22 a near-duplicate of line 9, 23 a duplicate of line 3,
 * 24 an id with a single question, 25 an over-long answer.
 */
export const PLANTED_CSV = `${BAKERY_CSV}gluten-free,can i order a birthday cake for my party,,
delivery,do you deliver to the station,,
delivery,delivery to my office?,,
delivery,can you deliver on sunday,,
cake-order,do you have gluten free bread please,,
delivery,When do you open?,,
parking,is there parking,"Yes, free, behind the shop.",Visit
terms,what are your terms and conditions,"${LONG_ANSWER}",Orders
terms,can i cancel my order,,
terms,cancellation policy,,
out-of-scope,tell me a joke,,
`;
