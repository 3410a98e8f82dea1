/**
 * Child process: the baseline — plain Fastify, the same crypto (sha256 signature over the raw body,
 * AES-256-CBC decrypt), and a group-committed batched insert, ack after commit. No salesbeat code.
 */
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { BENCH_FEISHU_CREDENTIALS } from './feishu-load-bodies.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query('create table if not exists baseline_inbox (dedup_key text primary key, event jsonb not null, received_at timestamptz not null default now())');

const key = createHash('sha256').update(BENCH_FEISHU_CREDENTIALS.encryptKey).digest();
let queue: Array<{ key: string; event: string; done: (error?: unknown) => void }> = [];
let flushing = false;
async function flush() {
  flushing = true;
  while (queue.length > 0) {
    const batch = queue.splice(0, 500);
    try {
      await pool.query('insert into baseline_inbox (dedup_key, event) select * from unnest($1::text[], $2::jsonb[]) on conflict do nothing', [
        batch.map((b) => b.key),
        batch.map((b) => b.event),
      ]);
      for (const b of batch) b.done();
    } catch (error) {
      for (const b of batch) b.done(error);
    }
  }
  flushing = false;
}

const app = Fastify();
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
app.post('/hook', async (request, reply) => {
  const raw = request.body as Buffer;
  const h = request.headers;
  const expected = createHash('sha256').update(`${h['x-lark-request-timestamp']}${h['x-lark-request-nonce']}${BENCH_FEISHU_CREDENTIALS.encryptKey}`).update(raw).digest('hex');
  const given = Buffer.from(String(h['x-lark-signature'] ?? ''));
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) return reply.status(401).send({});
  const encrypted = Buffer.from((JSON.parse(raw.toString()) as { encrypt: string }).encrypt, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, encrypted.subarray(0, 16));
  const plaintext = Buffer.concat([decipher.update(encrypted.subarray(16)), decipher.final()]).toString();
  const event = JSON.parse(plaintext) as { event: { message: { message_id: string } } };
  await new Promise<void>((resolve, reject) => {
    queue.push({ key: event.event.message.message_id, event: plaintext, done: (e) => (e ? reject(e) : resolve()) });
    if (!flushing) queueMicrotask(() => void flush());
  });
  return {};
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${address}/hook`);
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
