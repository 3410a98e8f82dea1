import { and, eq } from 'drizzle-orm';
import type { Db } from './db.js';
import { chatBindings } from './schema/index.js';

export interface ChatBinding {
  customerId: string;
  boundBy: string | null;
  boundAt: Date;
}

const bindingColumns = { customerId: chatBindings.customerId, boundBy: chatBindings.boundBy, boundAt: chatBindings.boundAt };

export async function findChatBinding(db: Db, tenantId: string, platform: string, chatId: string): Promise<ChatBinding | undefined> {
  const rows = await db
    .select(bindingColumns)
    .from(chatBindings)
    .where(and(eq(chatBindings.tenantId, tenantId), eq(chatBindings.platform, platform), eq(chatBindings.chatId, chatId)))
    .limit(1);
  return rows[0];
}

/** Binds the chat to the customer, replacing an earlier binding. */
export async function bindChat(
  db: Db,
  binding: { tenantId: string; platform: string; chatId: string; customerId: string; boundBy: string | null; boundAt: Date },
): Promise<void> {
  await db
    .insert(chatBindings)
    .values(binding)
    .onConflictDoUpdate({
      target: [chatBindings.tenantId, chatBindings.platform, chatBindings.chatId],
      set: { customerId: binding.customerId, boundBy: binding.boundBy, boundAt: binding.boundAt },
    });
}

/** Removes the binding; returns what it was, or undefined when the chat was not bound. */
export async function unbindChat(db: Db, tenantId: string, platform: string, chatId: string): Promise<ChatBinding | undefined> {
  const rows = await db
    .delete(chatBindings)
    .where(and(eq(chatBindings.tenantId, tenantId), eq(chatBindings.platform, platform), eq(chatBindings.chatId, chatId)))
    .returning(bindingColumns);
  return rows[0];
}
