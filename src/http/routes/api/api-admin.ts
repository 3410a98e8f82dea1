import { AuthError } from '../../../errors.js';
import { checkApiAccess } from './api-auth.js';

/**
 * Changes need the API token on every tenant — the demo included: anyone may read the demo, nobody
 * without the token may change its calendar or rules.
 */
export function requireAdminToken(authorization: string | undefined, apiToken: string | undefined): void {
  if (!apiToken) {
    throw new AuthError('changes are closed: SALESBEAT_API_TOKEN is not set on the server', '无法修改：服务端未设置 SALESBEAT_API_TOKEN');
  }
  checkApiAccess(authorization, undefined, apiToken);
}
