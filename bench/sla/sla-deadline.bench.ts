/**
 * The SLA deadline tick at scale: 1,000,000 leads (200,000 open, each with its three follow-up steps: 600,000
 * lead_sla_steps rows; the 800,000 closed leads have none), 555 users on WeCom, Feishu and the console.
 * Open steps fall due at BENCH_SLA_DUE_PER_TICK per minute, and breached steps reach their escalation at
 * BENCH_SLA_ESCALATIONS_PER_TICK per minute, so every one-minute tick is a steady-state tick. Each measured
 * tick runs through the real scheduler (transaction + advisory lock + both statements + outbox inserts +
 * commit), next to the baseline measured in the same run on the same window just before it: the bare indexed
 * query `select … from lead_sla_steps where status = 'open' and due_at <= $1 and due_at > $2`.
 */
import pg from 'pg';
import { pino } from 'pino';
import { JobScheduler } from '../../src/jobs/scheduler.js';
import { NAME, SLA_DEADLINE_BATCH as SLA_BATCH, slaDeadlineJob, type SlaDeadlineStats } from '../../src/jobs/sla-deadline.job.js';
import { migrateDatabase, openDatabase, type Database } from '../../src/store/db.js';
import { createBenchDatabase } from '../bench-database.js';

const LEADS = Number(process.env.BENCH_SLA_LEADS ?? 1_000_000);
const OPEN_LEADS = Number(process.env.BENCH_SLA_OPEN_LEADS ?? 200_000);
const DUE_PER_TICK = Number(process.env.BENCH_SLA_DUE_PER_TICK ?? 1_000);
const ESCALATIONS_PER_TICK = Number(process.env.BENCH_SLA_ESCALATIONS_PER_TICK ?? 100);
const TICKS = Number(process.env.BENCH_SLA_TICKS ?? 7);
const BASELINE_RUNS = 5;
const TICK_MS = 60_000;
const REPS = 500;
const SUPERVISORS = 50;
const DIRECTORS = 5;
const TENANT = 'bench';
/** Wall-clock start of the simulated day; any instant works (deadlines were computed at lead creation). */
const T0 = new Date('2026-03-09T02:00:00Z');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

type Query = (text: string, params?: unknown[]) => Promise<unknown>;

async function seedPeople(q: Query): Promise<void> {
  await q(`insert into tenants (id, name) values ($1, 'Bench Sales')`, [TENANT]);
  await q(
    `insert into users (tenant_id, name, role, preferred_platform, external_ref)
     select $1, 'director ' || i, 'supervisor', null, 'd' || i from generate_series(0, $2 - 1) i
     union all select $1, 'supervisor ' || i, 'supervisor', 'feishu', 's' || i from generate_series(0, $3 - 1) i
     union all select $1, 'rep ' || i, 'rep', 'wecom', 'r' || i from generate_series(0, $4 - 1) i`,
    [TENANT, DIRECTORS, SUPERVISORS, REPS],
  );
  const people = `(select id, left(external_ref, 1) as kind, substring(external_ref from 2)::int as n from users where tenant_id = '${TENANT}')`;
  await q(
    `insert into reporting_lines (tenant_id, user_id, supervisor_id)
     select $1, s.id, d.id from ${people} s join ${people} d on d.kind = 'd' and d.n = s.n % $2 where s.kind = 's'
     union all select $1, r.id, s.id from ${people} r join ${people} s on s.kind = 's' and s.n = r.n % $3 where r.kind = 'r'`,
    [TENANT, DIRECTORS, SUPERVISORS],
  );
  await q(
    `insert into user_identities (tenant_id, platform, id_type, value, user_id)
     select $1, 'wecom', 'userid', 'rep' || n, id from ${people} p where kind = 'r'
     union all select $1, 'feishu', 'open_id', 'ou_sup' || n, id from ${people} p where kind = 's'`,
    [TENANT],
  );
}

/**
 * Leads (the first OPEN_LEADS open), then the open leads' steps. Open step j (0-based over all open steps)
 * is due at T0 + j × (TICK_MS / DUE_PER_TICK); breached step e escalates at T0 + e × (TICK_MS / ESCALATIONS_PER_TICK).
 */
async function seedLeads(q: Query): Promise<{ openSteps: number; breachedSteps: number }> {
  await q(
    `insert into leads (tenant_id, owner_id, title, source, status, created_at)
     select $1::text, r.id, 'Lead ' || g.i, 'wecom', case when g.i < $3::int then 'open' else 'closed' end,
            $4::timestamptz - interval '30 days' + (g.i % 10000) * interval '1 minute'
     from generate_series(0, $2::int - 1) g(i)
     join (select id, substring(external_ref from 2)::int as n from users where tenant_id = $1::text and external_ref like 'r%') r on r.n = g.i % ${REPS}`,
    [TENANT, LEADS, OPEN_LEADS, T0.toISOString()],
  );
  // Of the open leads' first responses: 75 % met, 10 % breached and waiting for escalation, 15 % open.
  const met = Math.floor(OPEN_LEADS * 0.75);
  const breached = Math.floor(OPEN_LEADS * 0.1);
  const openFirst = OPEN_LEADS - met - breached;
  const dueStepMs = TICK_MS / DUE_PER_TICK;
  const escalationStepMs = TICK_MS / ESCALATIONS_PER_TICK;
  await q(
    `with open_leads as (
       select id, owner_id, created_at, row_number() over (order by id) - 1 as k from leads where tenant_id = $1::text and status = 'open'
     )
     insert into lead_sla_steps (tenant_id, lead_id, step, owner_id, due_at, status, met_at, breached_at, escalate_at)
     select $1::text, id, 'first_response', owner_id,
            case when k < $2::bigint + $3::bigint then created_at + interval '2 hours' else $5::timestamptz + (k - $2::bigint - $3::bigint) * $6::float8 * interval '1 millisecond' end,
            case when k < $2::bigint then 'met' when k < $2::bigint + $3::bigint then 'breached' else 'open' end,
            case when k < $2::bigint then created_at + interval '1 hour' end,
            case when k >= $2::bigint and k < $2::bigint + $3::bigint then created_at + interval '2 hours' end,
            case when k >= $2::bigint and k < $2::bigint + $3::bigint then $5::timestamptz + (k - $2::bigint) * $7::float8 * interval '1 millisecond'
                 else $5::timestamptz + (k - $2::bigint - $3::bigint) * $6::float8 * interval '1 millisecond' + interval '4 hours' end
     from open_leads
     union all
     select $1::text, id, 'visit_booked', owner_id, $5::timestamptz + ($4::bigint + k) * $6::float8 * interval '1 millisecond', 'open', null, null,
            $5::timestamptz + ($4::bigint + k) * $6::float8 * interval '1 millisecond' + interval '4 hours'
     from open_leads
     union all
     select $1::text, id, 'proposal_feedback', owner_id, $5::timestamptz + ($4::bigint + $8::bigint + k) * $6::float8 * interval '1 millisecond', 'open', null, null,
            $5::timestamptz + ($4::bigint + $8::bigint + k) * $6::float8 * interval '1 millisecond' + interval '4 hours'
     from open_leads`,
    [TENANT, met, breached, openFirst, T0.toISOString(), dueStepMs, escalationStepMs, OPEN_LEADS],
  );
  await q('analyze');
  return { openSteps: openFirst + 2 * OPEN_LEADS, breachedSteps: breached };
}

/** The index each "what became due" read uses (EXPLAIN), so a plan change that re-reads everything shows up here. */
async function dueIndexes(database: Database, to: Date): Promise<string> {
  const plan = async (text: string) => {
    const rows = await database.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${text}`, [to.toISOString(), SLA_BATCH]);
    return [...new Set(JSON.stringify(rows[0]!['QUERY PLAN']).match(/lead_sla_steps_\w+/g) ?? ['no index (sequential scan)'])].join(', ');
  };
  const open = await plan(`select tenant_id, lead_id, step from lead_sla_steps where status = 'open' and due_at <= $1::timestamptz order by due_at limit $2 for update skip locked`);
  const escalation = await plan(
    `select tenant_id, lead_id, step from lead_sla_steps where status = 'breached' and escalated_at is null and escalate_at <= $1::timestamptz order by escalate_at limit $2 for update skip locked`,
  );
  return `breach read: ${open}; escalation read: ${escalation}`;
}

async function bareIndexedQuery(database: Database, from: Date, to: Date): Promise<{ ms: number; rows: number }> {
  const runs: Array<{ ms: number; rows: number }> = [];
  for (let i = 0; i < BASELINE_RUNS; i++) {
    const { value, ms } = await timed(() =>
      database.query(`select tenant_id, lead_id, step, owner_id, due_at from lead_sla_steps where status = 'open' and due_at <= $1 and due_at > $2`, [
        to.toISOString(),
        from.toISOString(),
      ]),
    );
    runs.push({ ms, rows: value.length });
  }
  return { ms: median(runs.map((r) => r.ms)), rows: runs[0]!.rows };
}

export async function slaDeadlineBench(): Promise<void> {
  const bench = await createBenchDatabase();
  const database = await openDatabase({ url: bench.url, poolSize: 4 });
  try {
    await migrateDatabase(database);
    // Seeding only: one connection with foreign-key triggers off (the rows are consistent by construction) and
    // asynchronous commit; the measured ticks run on the service's ordinary pool.
    const seeder = new pg.Client({ connectionString: bench.url });
    await seeder.connect();
    const seeding = await timed(async () => {
      const q: Query = (text, params = []) => seeder.query(text, params);
      await q('set session_replication_role = replica');
      await q('set synchronous_commit = off');
      await seedPeople(q);
      return seedLeads(q);
    }).finally(() => seeder.end());
    let now = T0;
    const scheduler = new JobScheduler({ database, jobs: [slaDeadlineJob], logger: pino({ level: 'silent' }), clock: () => now, publicUrl: 'http://salesbeat.bench' });
    await scheduler.tick(NAME); // warm-up: whatever was due at T0

    const plans = await dueIndexes(database, new Date(T0.getTime() + TICK_MS));
    const ticks: Array<{ ms: number; stats: SlaDeadlineStats; baselineMs: number; baselineRows: number }> = [];
    for (let m = 1; m <= TICKS; m++) {
      const previous = now;
      now = new Date(T0.getTime() + m * TICK_MS);
      const baseline = await bareIndexedQuery(database, previous, now);
      const tick = await timed(() => scheduler.tick<SlaDeadlineStats>(NAME));
      if (!tick.value.ran) throw new Error(`tick ${m} did not run: ${tick.value.reason}`);
      ticks.push({ ms: tick.ms, stats: tick.value.stats, baselineMs: baseline.ms, baselineRows: baseline.rows });
    }
    await scheduler.stop();

    const tickMs = median(ticks.map((t) => t.ms));
    const baselineMs = median(ticks.map((t) => t.baselineMs));
    const last = ticks[ticks.length - 1]!;
    console.log(
      `\nsla-deadline: ${LEADS.toLocaleString('en')} leads (${OPEN_LEADS.toLocaleString('en')} open, ${seeding.value.openSteps.toLocaleString('en')} open steps, ` +
        `${seeding.value.breachedSteps.toLocaleString('en')} breached awaiting escalation), seeded in ${seconds(seeding.ms)}, Postgres`,
    );
    console.log(`  steady-state tick (median of ${TICKS}; each: ${last.stats.breached} newly due, ${last.stats.escalated} escalations)`);
    console.log(`  baseline: bare indexed query of the window   ${baselineMs.toFixed(2).padStart(8)} ms   (${last.baselineRows} rows)`);
    console.log(
      `  salesbeat deadline tick (lock + flip + red + cards + outbox + commit) ${tickMs.toFixed(2).padStart(8)} ms   ` +
        `${last.stats.alerts} alerts written (${(tickMs / Math.max(1, last.stats.alerts)).toFixed(3)} ms per alert), duplicates ${last.stats.duplicates}`,
    );
    console.log(`  plans: ${plans}`);
    console.log(`  ratio tick / bare query: ${(tickMs / baselineMs).toFixed(1)} (the tick writes ${last.stats.breached} steps, their leads and ${last.stats.alerts} outbox rows; the baseline only reads)`);
  } finally {
    await database.close();
    await bench.drop();
  }
}
