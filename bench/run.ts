/** npm run bench — every benchmark prints its figure next to a baseline measured in the same run. */
import { ingestBench } from './ingest/ingest.bench.js';
import { slaDeadlineBench } from './sla/sla-deadline.bench.js';

const benches: Record<string, () => Promise<void>> = { ingest: ingestBench, 'sla-deadline': slaDeadlineBench };
const only = process.argv.slice(2);
for (const [name, bench] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await bench();
}
