import type { FastifyInstance } from 'fastify';

/** /api/v1 — the read-back JSON API. Filled in by the API routes. */
export async function apiRoutes(_app: FastifyInstance, _deps: unknown): Promise<void> {}
