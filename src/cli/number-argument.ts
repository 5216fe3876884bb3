import { senderNumber } from '../store/sender-key';
import { UsageError } from './settings';

/** The phone number typed as a command's arguments (`+44 7700 900123` arrives as several), or a usage error saying how to write it. */
export function numberArgument(parts: readonly string[]): string {
  // Unquoted spaces split the number into several arguments: they are one number.
  const typed = parts.join(' ');
  const number = senderNumber(typed);
  if (number === null) throw new UsageError(`"${typed}" is not a phone number; give it with its country code, e.g. +447700900123 (with or without whatsapp:, spaces allowed)`);
  return number;
}
