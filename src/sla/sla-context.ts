import type { Db } from '../store/db.js';

/** What the SLA hooks need from whoever calls them (capture passes its CaptureContext, which fits). */
export interface SlaContext {
  db: Db;
  tenantId: string;
  /** The injected clock's time of the work being done. */
  now: Date;
}
