import type { FastifyInstance } from 'fastify';
import { chooseSlaPolicy, DEFAULT_LEAD_CLASS, slaPolicyProblems, slaStepKeys, type SlaPolicy } from '../../../core/rules/sla-policy.rule.js';
import { ValidationError } from '../../../errors.js';
import { appendAudit } from '../../../store/audit.repository.js';
import { listSlaPolicies, saveSlaPolicy } from '../../../store/sla-policy.repository.js';
import type { AppDeps } from '../../build.js';
import { requireAdminToken } from './api-admin.js';
import { requireTenant } from './api-tenant.js';
import { tenantParams } from './api-schemas.js';

const classParams = {
  type: 'object',
  required: ['tenant', 'leadClass'],
  properties: { ...tenantParams.properties, leadClass: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' } },
} as const;

/** The follow-up ladders per lead class: read them (the built-in default when the tenant has none), replace one. */
export async function slaPolicyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{ Params: { tenant: string } }>(
    '/tenants/:tenant/sla-policies',
    { schema: { tags: ['sla'], summary: 'Follow-up SLA ladders per lead class / 跟进时限规则', params: tenantParams } },
    async (request) => {
      const tenant = await requireTenant(deps.tenants, request.params.tenant);
      const stored = await listSlaPolicies(deps.database.db, tenant.id);
      const effective = chooseSlaPolicy(stored, DEFAULT_LEAD_CLASS);
      return {
        items: stored.map((p) => ({ ...p, problems: slaPolicyProblems(p) })),
        default_class: DEFAULT_LEAD_CLASS,
        applied_to_default_class: { ...effective.policy, source: effective.source },
      };
    },
  );

  app.put<{ Params: { tenant: string; leadClass: string }; Body: Omit<SlaPolicy, 'leadClass'> }>(
    '/tenants/:tenant/sla-policies/:leadClass',
    {
      schema: {
        tags: ['sla'],
        summary: 'Replace the ladder of one lead class (needs the API token) / 设置某类线索的跟进时限',
        params: classParams,
        body: {
          type: 'object',
          required: ['steps', 'escalateAfterWorkingHours'],
          additionalProperties: false,
          properties: {
            steps: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                required: ['step', 'withinWorkingHours'],
                additionalProperties: false,
                properties: { step: { type: 'string', enum: [...slaStepKeys] }, withinWorkingHours: { type: 'number', exclusiveMinimum: 0, maximum: 2000 } },
              },
            },
            escalateAfterWorkingHours: { type: 'integer', minimum: 0, maximum: 2000 },
          },
        },
      },
    },
    async (request) => {
      requireAdminToken(request.headers.authorization, deps.apiToken);
      const tenant = await requireTenant(deps.tenants, request.params.tenant);
      const policy = { leadClass: request.params.leadClass, ...request.body } as SlaPolicy;
      const [problem] = slaPolicyProblems(policy);
      if (problem) throw new ValidationError(problem.field, problem.en, problem.zh);
      await deps.database.db.transaction(async (tx) => {
        await saveSlaPolicy(tx as never, tenant.id, policy);
        await appendAudit(tx as never, { tenantId: tenant.id, at: deps.clock(), actorType: 'user', actorId: 'api', action: 'sla_policy.saved', subjectType: 'sla_policy', subjectId: policy.leadClass, detail: { ...policy } });
      });
      return policy;
    },
  );
}
