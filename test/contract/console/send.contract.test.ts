/** The console sender settles rows without any network call; what it cannot show fails the row for good. */
import { describe, expect, it } from 'vitest';
import { consoleSender } from '../../../adapters/console/send.js';
import { senderFor } from '../../../adapters/registry.js';
import type { OutboundContext, OutboundMessage } from '../../../adapters/outbound.js';
import { PlatformError } from '../../../src/errors.js';
import { overdueSupervisorCard } from '../../fixtures/cards/sample-cards.js';

const noNetwork = (() => {
  throw new Error('the console sender must not call the network');
}) as unknown as typeof fetch;
const context = { credentials: {}, fetch: noNetwork, now: new Date('2026-03-02T06:00:00Z') } as unknown as OutboundContext;

function message(overrides: Partial<OutboundMessage>): OutboundMessage {
  return { id: '6f0b4f6e-2b1c-4d3a-9e55-0d3c1f1f0a01', kind: 'card', recipient: { userId: 'u-1' }, payload: { card: overdueSupervisorCard }, ...overrides };
}

describe('console sender', () => {
  it('is the registry’s sender for platform console', () => {
    expect(senderFor('console')).toBe(consoleSender);
  });

  it.each([
    ['a card to a user', message({})],
    ['a message to a user (a nudge)', message({ kind: 'reply', payload: { text: '主管 王芳 提醒您跟进\nSupervisor' } })],
    ['a bot reply in a console chat', message({ kind: 'reply', recipient: { chatId: 'console-g-abcd', chatType: 'group', messageId: 'cm_1' }, payload: { text: 'ok' } })],
  ])('settles %s as delivered, with console:<row id> as its message id', async (_name, m) => {
    expect(await consoleSender.send(m, context)).toEqual({ platformMessageId: 'console:6f0b4f6e-2b1c-4d3a-9e55-0d3c1f1f0a01' });
  });

  it.each([
    ['a card without a user', message({ recipient: { chatId: 'console-g-abcd' } }), /needs a recipient userId/],
    ['a card without a card', message({ payload: {} }), /no card\.id/],
    ['a reply without text', message({ kind: 'reply', payload: { text: ' ' } }), /no text/],
    ['an unknown kind', message({ kind: 'poll' }), /cannot show outbox kind "poll"/],
  ])('fails %s for good', async (_name, m, reason) => {
    const error = await consoleSender.send(m, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).platformCode).toBe('permanent');
    expect((error as Error).message).toMatch(reason);
  });

  it('updates a card in place without a call: the console page renders the row', async () => {
    expect(await consoleSender.updateCard({ outboxId: 'x', recipient: { userId: 'u-1' }, card: overdueSupervisorCard }, context)).toEqual({ status: 'updated' });
  });
});
