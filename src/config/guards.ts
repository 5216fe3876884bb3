import { z } from 'zod';

/** How the settings treat the environment: `production` unless NODE_ENV names development or test. */
export type EnvironmentKind = 'development' | 'test' | 'production' | 'unset';

/**
 * Reads NODE_ENV leniently in the safe direction: any value but development or test (Production, prod, staging)
 * gets the production rules, so a misspelling can never switch a safeguard off. Unset means development.
 */
export function environmentKind(nodeEnv: string | undefined): EnvironmentKind {
  const value = (nodeEnv ?? '').trim().toLowerCase();
  if (value === '') return 'unset';
  return value === 'development' || value === 'test' ? value : 'production';
}

/** PUBLIC_HOSTS: a comma-separated list of host names (with `:port` when not the default), lower-cased. */
export const publicHostList = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const hosts = text
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter((host) => host !== '');
    for (const host of hosts) {
      if (!isPlainHost(host)) ctx.addIssue({ code: 'custom', message: `"${host}" is not a host name; list names like bot.example.com or bot.example.com:8443, separated by commas` });
    }
    return hosts;
  });

function isPlainHost(host: string): boolean {
  try {
    return new URL(`http://${host}`).host === host.replace(/:80$/, '');
  } catch {
    return false;
  }
}

/** The parsed settings the safety rules look at. */
interface GuardedSettings {
  readonly TWILIO_AUTH_TOKEN: string | undefined;
  readonly SKIP_TWILIO_SIGNATURE: boolean;
  readonly PUBLIC_URL?: string | undefined;
  readonly PUBLIC_HOSTS: readonly string[];
  readonly MESSAGE_LOG: string;
}

/** Settings that are each valid but unsafe together in this environment, one message per setting to change. */
export function safetyProblems(kind: EnvironmentKind, e: GuardedSettings): string[] {
  const problems: string[] = [];
  if (e.SKIP_TWILIO_SIGNATURE && kind !== 'development' && kind !== 'test') {
    problems.push(
      `SKIP_TWILIO_SIGNATURE: allowed only when NODE_ENV is development or test (it is ${kind === 'unset' ? 'not set' : 'another value, which counts as production'}); remove it, or set NODE_ENV=development on a machine of your own`,
    );
  }
  if (kind !== 'production') return problems;
  if (e.TWILIO_AUTH_TOKEN === undefined) {
    problems.push('TWILIO_AUTH_TOKEN: required in production; copy it from the Twilio console (Account > API keys & tokens)');
  }
  if (e.PUBLIC_URL === undefined && e.PUBLIC_HOSTS.length === 0) {
    problems.push(
      'PUBLIC_URL: required in production, or else TRUST_PROXY=true with PUBLIC_HOSTS listing the public host names Twilio calls; ' +
        'otherwise the client picks the host a signature is checked against, and one made for another webhook of the account passes',
    );
  }
  if (e.MESSAGE_LOG.trim() === ':memory:') {
    problems.push('MESSAGE_LOG: ":memory:" forgets every MessageSid on restart, so Twilio redeliveries are answered twice; give it a file path in production');
  }
  return problems;
}
