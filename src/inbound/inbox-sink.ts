import type { InboundEvent, InboundSink, IngestResult } from '../../adapters/contract.js';
import type { Platform } from '../core/events.js';
import type { InboxWriter } from '../store/inbox-writer.js';

/**
 * The one door into the inbox, shared by HTTP webhooks and long-lived transports (Feishu long connection,
 * DingTalk Stream). Resolves only after the rows are committed; then wakes the processor.
 */
export class InboxSink implements InboundSink {
  constructor(
    private readonly writer: InboxWriter,
    private readonly onCommitted: () => void,
  ) {}

  async ingest(
    tenantId: string,
    platform: Platform,
    transport: 'http' | 'stream' | 'long_connection',
    events: InboundEvent[],
  ): Promise<IngestResult[]> {
    if (events.length === 0) return [];
    const results = await this.writer.write(events.map((event) => ({ tenantId, platform, transport, event })));
    if (results.some((r) => r.status === 'accepted')) this.onCommitted();
    return results;
  }
}
