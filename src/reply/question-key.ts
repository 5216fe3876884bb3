import { tokenize } from '../text/tokenize';

/** A question or message in the form the index compares text in, so an editor's question and a message can be equal. */
export function questionKey(text: string): string {
  return tokenize(text).join(' ');
}
