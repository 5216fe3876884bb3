import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** The machine's PostgreSQL server that tests use (trust auth on loopback; see .ci/run, which starts it). */
export const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432';

/** A database made for one test run and dropped after it. */
export interface TestDatabase {
  /** postgres://postgres@host:port/faqbot_test_... */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** Runs one statement on the maintenance database of a server. */
async function onServer(server: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: `${server}/postgres`, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database `faqbot_test_<random>` on `server`; drop() removes it, disconnecting whoever is still on it. */
export async function createTestDatabase(server = LOCAL_SERVER): Promise<TestDatabase> {
  // Identifiers cannot be parameters; this name is made of hex digits only.
  const name = `faqbot_test_${randomBytes(6).toString('hex')}`;
  await onServer(server, `CREATE DATABASE ${name}`);
  return {
    url: `${server}/${name}`,
    name,
    drop: async () => {
      await waitForDisconnects(server, name);
      await onServer(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * Waits, at most 5 s, until no session is on database `name`: a pool's end() resolves before its sockets have closed,
 * and a session FORCE cuts in that moment errors on a client nobody listens to any more. FORCE is left for sessions a
 * test really left open.
 */
async function waitForDisconnects(server: string, name: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const [row] = await query<{ sessions: number }>(`${server}/postgres`, 'SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1', [name]);
    if (row?.sessions === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs `sql` with `params` on the database at `url` in a short-lived connection and returns the rows. */
export async function query<T extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A PostgreSQL server of the test's own, in a temporary folder on a free port, which the test may stop and start. */
export interface PrivateServer {
  /** postgres://postgres@127.0.0.1:PORT */
  readonly server: string;
  stop(): void;
  start(): void;
  /** Stops it and deletes its files. */
  destroy(): void;
}

/** The folder of the newest PostgreSQL server binaries Debian installed, or null. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * initdb and pg_ctl in a temporary folder: a server no other test or engineer uses, so stopping it disturbs nobody.
 * As root the binaries run as the postgres user, which PostgreSQL requires.
 */
export async function startPrivateServer(): Promise<PrivateServer> {
  const bin = postgresBinaries();
  if (bin === null) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql/*/bin; install postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'faqbot-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]): void => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr}${result.stdout}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = (): void => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = (): void => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  start();
  let running = true;
  return {
    server: `postgres://postgres@127.0.0.1:${port}`,
    stop() {
      stop();
      running = false;
    },
    start() {
      start();
      running = true;
    },
    destroy() {
      if (running) stop();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
