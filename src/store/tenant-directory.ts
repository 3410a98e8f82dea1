import type { Db } from './db.js';
import { findCredentials, findTenant, type TenantRecord } from './tenant.repository.js';

/** How long a tenant's credentials are cached in memory before being read again. */
const CACHE_TTL_MS = 30_000;

interface Entry {
  tenant: TenantRecord | undefined;
  credentials: Map<string, Record<string, string> | undefined>;
  loadedAt: number;
}

/** Tenants and their platform credentials, read per webhook request, cached briefly so the hot path does no extra query. */
export class TenantDirectory {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly db: Db,
    private readonly clock: () => number = Date.now,
  ) {}

  async tenant(tenantId: string): Promise<TenantRecord | undefined> {
    return (await this.entry(tenantId)).tenant;
  }

  async credentials(tenantId: string, platform: string): Promise<Record<string, string> | undefined> {
    const entry = await this.entry(tenantId);
    if (!entry.credentials.has(platform)) entry.credentials.set(platform, await findCredentials(this.db, tenantId, platform));
    return entry.credentials.get(platform);
  }

  /** Forget cached data, e.g. after an admin changed credentials. */
  invalidate(tenantId?: string): void {
    if (tenantId === undefined) this.entries.clear();
    else this.entries.delete(tenantId);
  }

  private async entry(tenantId: string): Promise<Entry> {
    const cached = this.entries.get(tenantId);
    if (cached && this.clock() - cached.loadedAt < CACHE_TTL_MS) return cached;
    const entry: Entry = { tenant: await findTenant(this.db, tenantId), credentials: new Map(), loadedAt: this.clock() };
    this.entries.set(tenantId, entry);
    return entry;
  }
}
