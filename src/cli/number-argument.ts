import { type Command } from 'commander';
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

/**
 * Declares a command about one sender: its phone number as the arguments and `--log`, the message log it acts on.
 * The action gets the number already read by {@link numberArgument}.
 */
export function senderCommand(program: Command, name: string, description: string, action: (number: string, flags: { log?: string }) => Promise<void> | void): Command {
  return program
    .command(name)
    .description(description)
    .argument('<number...>', 'the phone number, e.g. +447700900123, whatsapp:+447700900123 or +44 7700 900123')
    .option('--log <file>', 'message log (default: MESSAGE_LOG or data/messages.sqlite)')
    .action((parts: string[], flags: { log?: string }) => action(numberArgument(parts), flags));
}
