import { type SenderState } from './state-store';

/**
 * How long a fallback streak is remembered after the last fallback: a customer who comes back the next day starts
 * afresh, and a number is not kept for longer than a conversation needs it.
 */
export const STREAK_MEMORY_MS = 24 * 60 * 60 * 1000;

/** The state with its parts that have ended by `now` dropped (choices past expiresAt, a pause past until). */
export function liveState(state: SenderState, now: number): SenderState {
  const choices = state.choices !== undefined && state.choices.expiresAt > now ? state.choices : undefined;
  const pause = state.pause !== undefined && state.pause.until > now ? state.pause : undefined;
  return { fallbackStreak: state.fallbackStreak, ...(choices === undefined ? {} : { choices }), ...(pause === undefined ? {} : { pause }) };
}

/** True when the state remembers nothing: no choices, no streak, no pause. */
export function isEmptyState(state: SenderState): boolean {
  return state.choices === undefined && state.pause === undefined && state.fallbackStreak === 0;
}

/** When the whole stored record may be deleted: the latest of its choices' and pause's end, and the streak's memory from `now`. */
export function stateExpiresAt(state: SenderState, now: number): number {
  return Math.max(state.choices?.expiresAt ?? 0, state.pause?.until ?? 0, state.fallbackStreak > 0 ? now + STREAK_MEMORY_MS : 0);
}
