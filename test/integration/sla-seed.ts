/** Shared setup of the SLA integration suites (not a test file itself): a WeCom sales team and the webhook plumbing. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { InboundRequest } from '../../adapters/contract.js';
import { platformSimulators } from '../../adapters/registry.js';
import type { Db } from '../../src/store/db.js';
import { reportingLines, userIdentities, users } from '../../src/store/schema/index.js';
import { saveCredentials, upsertTenant } from '../../src/store/tenant.repository.js';
import type { Service } from '../../src/service.js';

export const TENANT = 'acme';
const shared = path.resolve(import.meta.dirname, '../../../shared');

export const credentials = {
  calls: { webhookSecret: 'calls-secret-for-tests' },
  wecom: {
    corpId: 'wwcorp0001',
    agentId: '1000002',
    secret: 'wecom-secret',
    token: 'wecomtoken',
    encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  },
  feishu: { appId: 'cli_sla_test', appSecret: 'feishu-secret', verificationToken: 'v', encryptKey: 'k' },
};

/** The recorded add_external_contact callback (rep `zhangsan` adds external contact woAJ2…), timed at `now`. */
export function addExternalContactXml(now: Date): string {
  const recorded = readFileSync(path.join(shared, 'data/payloads/wecom/change_external_contact.add_external_contact.xml'), 'utf8');
  return recorded.replace(/<CreateTime>\d+<\/CreateTime>/, `<CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime>`);
}

/** The call-record fixture, re-timed and pointed at `customerPhone`. */
export function callRecordJson(startedAt: string, overrides: Record<string, unknown> = {}): string {
  const record = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/calls/call_record.json'), 'utf8')) as Record<string, unknown>;
  return JSON.stringify({ ...record, call_id: `cc-${startedAt}`, started_at: startedAt, ...overrides });
}

export const CUSTOMER_PHONE = '+86 139 0000 1234';

export function simulate(platform: string, content: string, creds: Record<string, string>, now: Date): InboundRequest {
  const simulator = platformSimulators.find((s) => s.platform === platform)!;
  const request = simulator.toRequest(content, creds, now);
  if ('skip' in request) throw new Error(request.skip);
  return request;
}

export async function post(service: Service, platform: string, request: InboundRequest): Promise<number> {
  const response = await service.app.inject({
    method: request.method,
    url: `/webhooks/${platform}/${TENANT}`,
    query: request.query,
    headers: request.headers as Record<string, string>,
    payload: request.rawBody,
  });
  return response.statusCode;
}

export interface Team {
  zhangsan: string;
  lisi: string;
  wangwu: string;
}

/**
 * 张三 (rep, on WeCom) reports to 李四 (supervisor, prefers Feishu though also on WeCom), who reports to
 * 王五 (director, on no platform: the console).
 */
export async function seedTeam(db: Db): Promise<Team> {
  await upsertTenant(db, { id: TENANT, name: 'Acme' });
  for (const [platform, creds] of Object.entries(credentials)) await saveCredentials(db, TENANT, platform, creds);
  const [zhangsan, lisi, wangwu] = await db
    .insert(users)
    .values([
      { tenantId: TENANT, name: '张三', role: 'rep', team: 'east', preferredPlatform: 'wecom' },
      { tenantId: TENANT, name: '李四', role: 'supervisor', team: 'east', preferredPlatform: 'feishu' },
      { tenantId: TENANT, name: '王五', role: 'supervisor' },
    ])
    .returning({ id: users.id });
  await db.insert(userIdentities).values([
    { tenantId: TENANT, platform: 'wecom', idType: 'userid', value: 'zhangsan', userId: zhangsan!.id },
    { tenantId: TENANT, platform: 'wecom', idType: 'userid', value: 'lisi', userId: lisi!.id },
    { tenantId: TENANT, platform: 'feishu', idType: 'open_id', value: 'ou_lisi', userId: lisi!.id },
  ]);
  await db.insert(reportingLines).values([
    { tenantId: TENANT, userId: zhangsan!.id, supervisorId: lisi!.id },
    { tenantId: TENANT, userId: lisi!.id, supervisorId: wangwu!.id },
  ]);
  return { zhangsan: zhangsan!.id, lisi: lisi!.id, wangwu: wangwu!.id };
}
