// The bare baseline (issue 9): Fastify + node-postgres doing the minimum an audited case read
// does — one select and one insert in one transaction — on the same PostgreSQL, in the same run.
// Run by bench/run.ts as a child process: BARE_DATABASE_URL, PORT.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 10 });
await pool.query(
  'create table if not exists bench_bare_log (id bigserial primary key, at timestamptz not null default now(), case_id uuid not null)',
);
const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/bare/:id', async (request, reply) => {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query('select id, code, state from cases where id = $1', [request.params.id]);
    await client.query('insert into bench_bare_log (case_id) values ($1)', [request.params.id]);
    await client.query('commit');
    if (rows.length === 0) return reply.status(404).send({ error: 'not found' });
    return { case: rows[0] };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
console.log('bare listening');
