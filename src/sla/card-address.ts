/**
 * Where a user's cards go: their identity on `users.preferred_platform`, else on the first platform they have
 * an identity on (in CARD_ADDRESS_ID_TYPES order), else the local console. `preferred_platform = 'console'`
 * means the console even when they have identities. A tenant whose settings say
 * `outboundDelivery: 'console'` (the embedded demo tenant) gets everything in the console.
 *
 * Recipients follow the card row contract of adapters/outbound.ts (`CardRecipients`), exactly those keys:
 *   console  → { userId }   salesbeat's own user id (the console inbox is per user)
 *   feishu   → { openId } | { userId }   (Feishu open_id / user_id)
 *   dingtalk → { staffId }
 *   wecom    → { userid }
 */
import { CONSOLE_PLATFORM } from '../../adapters/console/send.js';

export { CONSOLE_PLATFORM };

/**
 * Identity types (user_identities.id_type) a card can be addressed to, per platform, most preferred first,
 * with the CardRecipients key each becomes; the platforms in the order used when a user has no (usable)
 * preferred platform. Platform knowledge that would sit better next to CardRecipients in adapters/outbound.ts.
 */
export const CARD_ADDRESS_ID_TYPES: ReadonlyArray<readonly [platform: string, idType: string, recipientKey: string]> = [
  ['feishu', 'open_id', 'openId'],
  ['feishu', 'user_id', 'userId'],
  // DingTalk's userId and staffId are the same value (the member's id in the org).
  ['dingtalk', 'staffId', 'staffId'],
  ['dingtalk', 'userId', 'staffId'],
  ['wecom', 'userid', 'userid'],
];

/** `platform:idType` keys in preference order, as the SQL that picks an identity takes them. */
export const CARD_ADDRESS_KEYS: readonly string[] = CARD_ADDRESS_ID_TYPES.map(([p, t]) => `${p}:${t}`);

/** The identity the store picked for a user (preferred platform first, then CARD_ADDRESS_KEYS order), if any. */
export interface AddressFacts {
  userId: string;
  identity: { platform: string; idType: string; value: string } | null;
  /** The tenant keeps every message in the console. */
  consoleOnly: boolean;
}

export interface CardAddress {
  platform: string;
  recipient: Record<string, string>;
}

export function cardAddress(facts: AddressFacts): CardAddress {
  const { userId, identity } = facts;
  const key = identity && CARD_ADDRESS_ID_TYPES.find(([platform, idType]) => platform === identity.platform && idType === identity.idType)?.[2];
  if (facts.consoleOnly || !identity || !key) return { platform: CONSOLE_PLATFORM, recipient: { userId } };
  return { platform: identity.platform, recipient: { [key]: identity.value } };
}
