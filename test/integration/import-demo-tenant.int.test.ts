import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTenant } from '../../src/demo/seed-demo-tenant.js';
import { allCredentials, findTenant, saveCredentials, upsertTenant } from '../../src/store/tenant.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const payloads = path.join(path.resolve(projectRoot, '../shared'), 'data/payloads');
const now = new Date('2026-03-02T01:00:00.000Z');

/** The ids as the recorded payloads carry them, read here without any salesbeat code. */
const recorded = {
  wecomUserId: /<UserID><!\[CDATA\[([^\]]+)\]\]><\/UserID>/.exec(
    readFileSync(path.join(payloads, 'wecom/change_external_contact.add_external_contact.xml'), 'utf8'),
  )![1]!,
  feishuOpenId: JSON.parse(readFileSync(path.join(payloads, 'feishu/im.message.receive_v1.json'), 'utf8')).event.sender.sender_id.open_id as string,
  dingtalkStaffId: JSON.parse(readFileSync(path.join(payloads, 'dingtalk/robot_message.text.json'), 'utf8')).senderStaffId as string,
  feishuChatId: JSON.parse(readFileSync(path.join(payloads, 'feishu/im.message.receive_v1.json'), 'utf8')).event.message.chat_id as string,
};

describe.each(databaseKinds)('demo tenant on %s', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  const one = async (sql: string, params: unknown[] = []) => (await testDb.database.query<Record<string, unknown>>(sql, params))[0];

  it('creates the tenant once, with the Maven data, random credentials and the payload identities linked', async () => {
    const first = await seedDemoTenant(testDb.database.db, now);
    expect(first).toMatchObject({ tenantId: 'demo', created: true });
    expect(await findTenant(testDb.database.db, 'demo')).toMatchObject({ name: '演示公司 Demo Co.', settings: { currency: 'USD' } });
    expect(Number((await one(`select count(*) n from deals where tenant_id = 'demo'`))!.n)).toBe(8800);

    const c = first.credentials;
    expect(c.feishu).toEqual({
      appId: expect.stringMatching(/^cli_[0-9a-f]{16}$/),
      appSecret: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      encryptKey: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      verificationToken: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
    });
    expect(c.dingtalk).toEqual({
      clientId: expect.stringMatching(/^ding[a-z0-9]{16}$/),
      clientSecret: expect.stringMatching(/^[A-Za-z0-9]{64}$/),
      robotCode: c.dingtalk!.clientId,
      callbackToken: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      callbackAesKey: expect.stringMatching(/^[A-Za-z0-9]{43}$/),
    });
    expect(c.wecom).toEqual({
      corpId: expect.stringMatching(/^ww[0-9a-f]{16}$/),
      agentId: expect.stringMatching(/^\d+$/),
      secret: expect.stringMatching(/^[A-Za-z0-9]{43}$/),
      token: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      encodingAesKey: expect.stringMatching(/^[A-Za-z0-9]{43}$/),
    });
    expect(c.calls).toEqual({ webhookSecret: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await allCredentials(testDb.database.db, 'demo')).toEqual(c);

    const userFor = (platform: string, idType: string, value: string) =>
      one(
        `select u.name, u.role from user_identities i join users u on u.tenant_id = i.tenant_id and u.id = i.user_id
         where i.tenant_id = 'demo' and i.platform = $1 and i.id_type = $2 and i.value = $3`,
        [platform, idType, value],
      );
    expect(await userFor('wecom', 'userid', recorded.wecomUserId)).toEqual({ name: '张三', role: 'rep' });
    expect(await userFor('feishu', 'open_id', recorded.feishuOpenId)).toEqual({ name: '张三', role: 'rep' });
    expect(await userFor('dingtalk', 'staffId', recorded.dingtalkStaffId)).toEqual({ name: '张三', role: 'rep' });
    expect(
      await one(
        `select c.name from chat_bindings b join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id
         where b.tenant_id = 'demo' and b.platform = 'feishu' and b.chat_id = $1`,
        [recorded.feishuChatId],
      ),
    ).toEqual({ name: '上海申通精密制造有限公司' });
  });

  it('does nothing the second time and hands back the same credentials', async () => {
    const first = await seedDemoTenant(testDb.database.db, now);
    const counts = async () =>
      one(`select (select count(*) from deals) d, (select count(*) from users) u, (select count(*) from customers) c,
                  (select count(*) from user_identities) i, (select count(*) from audit_log) a, (select count(*) from contacts) k`);
    const before = await counts();
    const second = await seedDemoTenant(testDb.database.db, new Date(now.getTime() + 60_000));
    expect(second.created).toBe(false);
    expect(second.credentials).toEqual(first.credentials);
    expect(await counts()).toEqual(before);
  });

  it('keeps credentials a platform already had and leaves other tenants alone', async () => {
    await upsertTenant(testDb.database.db, { id: 'demo', name: 'old name' });
    await saveCredentials(testDb.database.db, 'demo', 'feishu', { appId: 'cli_mine', appSecret: 's', encryptKey: 'k', verificationToken: 't' });
    await upsertTenant(testDb.database.db, { id: 'acme', name: 'Acme' });
    const seeded = await seedDemoTenant(testDb.database.db, now);
    expect(seeded.created).toBe(true);
    expect(seeded.credentials.feishu).toEqual({ appId: 'cli_mine', appSecret: 's', encryptKey: 'k', verificationToken: 't' });
    expect(Number((await one(`select count(*) n from deals where tenant_id = 'acme'`))!.n)).toBe(0);
  });
});
