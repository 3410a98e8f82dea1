import { describe, expect, it } from 'vitest';
import { decideMessageCapture, NOT_A_CUSTOMER_CHAT, type MessageContext } from '../../src/core/rules/message-capture.rule.js';

function context(partial: Partial<MessageContext>): MessageContext {
  return {
    chatType: 'group',
    customerGroup: false,
    senderExternal: false,
    boundCustomerId: null,
    titleCustomerId: null,
    senderUserId: null,
    senderContact: null,
    ...partial,
  };
}

describe('decideMessageCapture', () => {
  it.each<[string, Partial<MessageContext>, object]>([
    [
      'a rep writes in a bound group',
      { boundCustomerId: 'acme', senderUserId: 'rep' },
      { customerId: 'acme', contactId: null, actorId: 'rep', direction: 'rep', channel: 'group_chat' },
    ],
    [
      'a known contact writes in a bound group',
      { boundCustomerId: 'acme', senderExternal: true, senderContact: { id: 'jane', customerId: 'acme' } },
      { customerId: 'acme', contactId: 'jane', actorId: null, direction: 'customer' },
    ],
    [
      'an unknown outsider writes in a bound group',
      { boundCustomerId: 'acme', senderExternal: true },
      { customerId: 'acme', contactId: null, actorId: null, direction: 'customer' },
    ],
    [
      'an unregistered colleague writes in a bound group',
      { boundCustomerId: 'acme' },
      { customerId: 'acme', actorId: null, direction: 'rep' },
    ],
    [
      'a known contact writes in a direct chat',
      { chatType: 'direct', senderExternal: true, senderContact: { id: 'jane', customerId: 'acme' } },
      { customerId: 'acme', contactId: 'jane', direction: 'customer', channel: 'direct_chat' },
    ],
    [
      'a contact of another company writes in a bound group',
      { boundCustomerId: 'acme', senderExternal: true, senderContact: { id: 'bob', customerId: 'globex' } },
      { customerId: 'acme', contactId: null, direction: 'customer' },
    ],
    [
      'a contact without a company writes in a bound group',
      { boundCustomerId: 'acme', senderExternal: true, senderContact: { id: 'new', customerId: null } },
      { customerId: 'acme', contactId: 'new' },
    ],
    [
      'a rep writes in an unbound customer group titled after a customer',
      { customerGroup: true, titleCustomerId: 'acme', senderUserId: 'rep' },
      { customerId: 'acme', actorId: 'rep', direction: 'rep' },
    ],
    [
      'a rep writes in an unbound customer group with an unknown title',
      { customerGroup: true, senderUserId: 'rep' },
      { customerId: null, actorId: 'rep', direction: 'rep' },
    ],
  ])('captures the message when %s', (_, partial, expected) => {
    expect(decideMessageCapture(context(partial))).toMatchObject({ capture: true, ...expected });
  });

  it.each<[string, Partial<MessageContext>]>([
    ['a rep writes in an ordinary group', { senderUserId: 'rep' }],
    ['an unknown outsider writes in an unbound group', { senderExternal: true }],
    ['a rep writes to a colleague directly', { chatType: 'direct', senderUserId: 'rep' }],
  ])('ignores the message when %s', (_, partial) => {
    expect(decideMessageCapture(context(partial))).toEqual({ capture: false, reason: NOT_A_CUSTOMER_CHAT });
  });
});
