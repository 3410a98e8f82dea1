/** Who a platform person is in salesbeat: a user (our side) or a customer contact. */
import { CONSOLE_PLATFORM } from '../../adapters/console/send.js';
import type { PlatformPerson } from '../core/events.js';
import { findContactById, findContactByIdentity, type ContactRef } from '../store/contact.repository.js';
import { findUserById } from '../store/user.repository.js';
import { isUuid } from '../store/uuid.js';
import { findUserByIdentity, findUsersByPortableIds, type UserRef } from '../store/user-identity.repository.js';
import type { CaptureContext } from './capture-context.js';

/** The user behind a person's ids on the event's own platform. The console names people by salesbeat's own ids (`{userId}`, `{contactId}`). */
export async function resolveUser(ctx: CaptureContext, person: PlatformPerson | undefined): Promise<UserRef | undefined> {
  if (!person) return undefined;
  if (ctx.platform === CONSOLE_PLATFORM) {
    const user = await findUserById(ctx.db, ctx.tenantId, person.ids.userId);
    return user ? { id: user.id, name: user.name } : undefined;
  }
  return findUserByIdentity(ctx.db, ctx.tenantId, ctx.platform, person.ids);
}

/**
 * The user behind a person, also trying the same userid / phone / email on other platforms (a call
 * system rarely has its own user list). A portable id that names two different users matches nobody.
 */
export async function resolveUserAnywhere(ctx: CaptureContext, person: PlatformPerson): Promise<UserRef | undefined> {
  const own = await resolveUser(ctx, person);
  if (own) return own;
  // Ids qualified with their platform, e.g. rep.ids["wecom.userid"] from a call record's platform_user.
  for (const [key, value] of Object.entries(person.ids)) {
    const [platform, idType] = key.split('.');
    if (!platform || !idType) continue;
    const user = await findUserByIdentity(ctx.db, ctx.tenantId, platform, { [idType]: value });
    if (user) return user;
  }
  const found = await findUsersByPortableIds(ctx.db, ctx.tenantId, person.ids);
  return found.length === 1 ? found[0] : undefined;
}

export function resolveContact(ctx: CaptureContext, person: PlatformPerson): Promise<ContactRef | undefined> {
  if (ctx.platform === CONSOLE_PLATFORM) {
    const { contactId } = person.ids;
    return isUuid(contactId) ? findContactById(ctx.db, ctx.tenantId, contactId) : Promise.resolve(undefined);
  }
  return findContactByIdentity(ctx.db, ctx.tenantId, ctx.platform, person.ids);
}
