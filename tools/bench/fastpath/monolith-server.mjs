// The monolith limit: one Fastify process reading the department by primary key from the same
// PostgreSQL table the permissions service reads, with a pool of 32 connections and no
// authentication, messaging or validation. The bench loads it like the gateway and compares.
// Usage: node monolith-server.mjs <database-url> <port>
import Fastify from 'fastify';
import pg from 'pg';

const [databaseUrl, port] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 32 });
const app = Fastify({ logger: false });

app.get('/departments/:id', async (request, reply) => {
  const { rows } = await pool.query(
    'SELECT id, code, name, type, parent_id, status, created_at, updated_at, successor_id, dissolved_at FROM department WHERE id = $1',
    [request.params.id],
  );
  const row = rows[0];
  if (!row) return reply.code(404).send({ title: 'Not found' });
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    parentId: row.parent_id,
    status: row.status,
    successorId: row.successor_id,
    dissolvedAt: row.dissolved_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
});

await app.listen({ host: '127.0.0.1', port: Number(port) });
process.stdout.write('ready\n');
