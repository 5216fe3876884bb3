import { expect } from 'chai';
import { Pool } from 'pg';
import { migrate, MIGRATIONS } from '../../src/postgres/migrations';
import { createTestDatabase, query, type TestDatabase } from '../helpers/postgres';

describe('shared database migrations', () => {
  let database: TestDatabase;
  const pools: Pool[] = [];
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
    await database.drop();
  });

  it('applies each migration exactly once when several replicas start at the same moment', async () => {
    // One pool per "replica", each with its own connection, all migrating at once.
    for (let i = 0; i < 6; i++) pools.push(new Pool({ connectionString: database.url, max: 1 }));
    const applied = await Promise.all(pools.map((pool) => migrate(pool)));
    expect(applied.filter((versions) => versions.length > 0)).to.deep.equal([MIGRATIONS.map((m) => m.version)]);
    expect(await query(database.url, 'SELECT version, name FROM schema_migrations ORDER BY version')).to.deep.equal(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    const tables = await query<{ table_name: string }>(database.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
    expect(tables.map((t) => t.table_name)).to.deep.equal(['forgotten', 'index_versions', 'messages', 'rate_windows', 'schema_migrations', 'sender_state']);
  });

  it('applies only the migrations a database lacks, in order', async () => {
    pools.push(new Pool({ connectionString: database.url, max: 1 }));
    const first = [{ version: 1, name: 'one', sql: 'CREATE TABLE one (x INTEGER)' }];
    const later = [...first, { version: 2, name: 'two', sql: 'ALTER TABLE one ADD COLUMN y INTEGER' }];
    expect(await migrate(pools[0]!, first)).to.deep.equal([1]);
    expect(await migrate(pools[0]!, later)).to.deep.equal([2]);
    expect(await migrate(pools[0]!, later)).to.deep.equal([]);
    const columns = await query<{ column_name: string }>(database.url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'one' ORDER BY column_name");
    expect(columns.map((c) => c.column_name)).to.deep.equal(['x', 'y']);
  });

  it('leaves nothing behind when a migration fails', async () => {
    pools.push(new Pool({ connectionString: database.url, max: 1 }));
    const broken = [
      { version: 1, name: 'one', sql: 'CREATE TABLE one (x INTEGER)' },
      { version: 2, name: 'broken', sql: 'ALTER TABLE nowhere ADD COLUMN y INTEGER' },
    ];
    let failure: unknown;
    await migrate(pools[0]!, broken).catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/nowhere/);
    expect(await query(database.url, "SELECT to_regclass('public.one') AS one, to_regclass('public.schema_migrations') AS migrations")).to.deep.equal([{ one: null, migrations: null }]);
  });
});
