import { createBenchDatabase } from '../bench-database.js';
import { runJson, startServer, stopServer } from '../child-process.js';

interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

async function measure(script: string, databaseUrl: string, env: Record<string, string> = {}): Promise<LoadResult> {
  const { url, child } = await startServer(script, { DATABASE_URL: databaseUrl, ...env });
  try {
    await runJson<LoadResult>('ingest/load.js', [url, String(CONNECTIONS), '2']); // warm-up
    return await runJson<LoadResult>('ingest/load.js', [url, String(CONNECTIONS), String(DURATION_S)]);
  } finally {
    await stopServer(child);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Ingest of signed + encrypted Feishu message events with durable commit before ack, against a baseline
 * measured in the same run: plain Fastify + the same crypto + a group-committed batched insert.
 */
export async function ingestBench(): Promise<void> {
  const database = await createBenchDatabase();
  try {
    const baseline: LoadResult[] = [];
    const salesbeat: LoadResult[] = [];
    const withCapture: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      baseline.push(await measure('ingest/baseline-server.js', database.url));
      salesbeat.push(await measure('ingest/salesbeat-server.js', database.url));
      withCapture.push(await measure('ingest/salesbeat-server.js', database.url, { BENCH_PROCESS: 'on' }));
    }
    const row = (name: string, results: LoadResult[]) => {
      const rps = median(results.map((r) => r.requests.average));
      const p50 = median(results.map((r) => r.latency.p50));
      const p99 = median(results.map((r) => r.latency.p99));
      const bad = results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
      return { name, rps, p50, p99, bad };
    };
    const b = row('baseline (Fastify + crypto + batched insert)', baseline);
    const s = row('salesbeat webhook → inbox commit → ack', salesbeat);
    const c = row('  same, capture processing the inbox meanwhile', withCapture);
    console.log(`\ningest: signed + encrypted Feishu im.message.receive_v1, ${CONNECTIONS} connections, ${DURATION_S} s × ${ROUNDS} rounds (medians), Postgres`);
    for (const r of [b, s, c]) {
      console.log(`  ${r.name.padEnd(48)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms   non-2xx/errors ${r.bad}`);
    }
    console.log(`  ratio salesbeat / baseline: ${(s.rps / b.rps).toFixed(2)} (goal ≥ 0.60); salesbeat p99 ${s.p99} ms (goal well under 100 ms)`);
    console.log(`  with capture running on the same 2 cores: ${c.rps.toFixed(0)} req/s, ratio ${(c.rps / b.rps).toFixed(2)}, p99 ${c.p99} ms`);
  } finally {
    await database.drop();
  }
}
