import type { FastifyInstance } from 'fastify';
import type { Database } from '../../store/db.js';
import type { Metrics } from '../metrics.js';

export async function healthRoutes(app: FastifyInstance, deps: { database: Database; metrics: Metrics }): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    try {
      await deps.database.query('select 1');
      return { status: 'ok', database: deps.database.driver };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: deps.database.driver });
    }
  });
  app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4').send(deps.metrics.render()));
}
