/**
 * Whether an ordinary chat message (not a bot command) is a sales action, and whose.
 * A message counts when it happens in a customer conversation: a chat bound to a customer, a chat the
 * platform itself marks as a customer group, or any chat where the sender is a known customer contact.
 */

export interface MessageContext {
  chatType: 'direct' | 'group';
  /** The platform marks the chat as a customer group (WeCom 客户群). */
  customerGroup: boolean;
  /** The platform says the sender is outside the tenant. */
  senderExternal: boolean;
  /** The customer this chat is bound to (chat_bindings), if any. */
  boundCustomerId: string | null;
  /** A customer whose name is the customer group's title, used only when the group is not bound. */
  titleCustomerId: string | null;
  /** The sender as a salesbeat user, if registered. */
  senderUserId: string | null;
  /** The sender as a known customer contact, if any. */
  senderContact: { id: string; customerId: string | null } | null;
}

export type MessageDecision =
  | {
      capture: true;
      customerId: string | null;
      contactId: string | null;
      /** The rep who spoke; null for a customer's message or an unregistered colleague. */
      actorId: string | null;
      direction: 'rep' | 'customer';
      channel: 'group_chat' | 'direct_chat';
    }
  | { capture: false; reason: string };

export const NOT_A_CUSTOMER_CHAT = 'message in a chat not bound to any customer';

export function decideMessageCapture(context: MessageContext): MessageDecision {
  const { boundCustomerId, senderContact, senderUserId } = context;
  if (boundCustomerId === null && !context.customerGroup && senderContact === null) {
    return { capture: false, reason: NOT_A_CUSTOMER_CHAT };
  }
  // A registered user is always our side, whatever else the platform says about them.
  const fromCustomer = senderUserId === null && (senderContact !== null || context.senderExternal);
  // The binding is an explicit statement about the whole chat, so it outranks the sender's own company.
  const customerId = boundCustomerId ?? senderContact?.customerId ?? context.titleCustomerId ?? null;
  const contactBelongs =
    senderContact !== null && (senderContact.customerId === null || customerId === null || senderContact.customerId === customerId);
  return {
    capture: true,
    customerId,
    contactId: fromCustomer && contactBelongs ? senderContact!.id : null,
    actorId: fromCustomer ? null : senderUserId,
    direction: fromCustomer ? 'customer' : 'rep',
    channel: context.chatType === 'group' ? 'group_chat' : 'direct_chat',
  };
}
