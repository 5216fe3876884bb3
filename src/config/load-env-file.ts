import { existsSync } from 'node:fs';
import dotenv from 'dotenv';

/** Loads `.env` from the working folder into process.env, never overriding variables already set. */
export function loadEnvFile(path = '.env'): void {
  // quiet: dotenv otherwise prints tips on stdout, which would corrupt `ask --json`.
  if (existsSync(path)) dotenv.config({ path, quiet: true });
}
