/** In-process counters, exposed at /metrics in the Prometheus text format (version 0.0.4). */

/** Every metric name carries this prefix on the wire. */
export const METRIC_PREFIX = 'salesbeat_';

/** The counter families the service knows, with their help text: rendered (at zero samples) from the start. */
export const COUNTER_FAMILIES: Readonly<Record<string, string>> = {
  webhook_events_total: 'Webhook events taken in, by platform and inbox status.',
  webhook_rejected_total: 'Webhook requests refused, by platform and rejection code.',
  webhook_handshake_total: 'Webhook URL-verification handshakes answered, by platform.',
};

const UNKNOWN_FAMILY_HELP = 'salesbeat counter.';

interface Series {
  labels: Record<string, string>;
  count: number;
}

export class Metrics {
  /** family name → series key → series; a Map keeps each family's samples together when rendered. */
  private families = new Map<string, Map<string, Series>>();

  constructor() {
    for (const name of Object.keys(COUNTER_FAMILIES)) this.families.set(name, new Map());
  }

  increment(name: string, labels: Record<string, string>): void {
    let family = this.families.get(name);
    if (!family) {
      family = new Map();
      this.families.set(name, family);
    }
    const key = renderLabels(labels);
    const series = family.get(key);
    if (series) series.count += 1;
    else family.set(key, { labels: { ...labels }, count: 1 });
  }

  /** The sum of the family's series whose labels include all of `labels`. */
  value(name: string, labels: Record<string, string>): number {
    let total = 0;
    for (const series of this.families.get(name)?.values() ?? []) {
      if (Object.entries(labels).every(([k, v]) => series.labels[k] === v)) total += series.count;
    }
    return total;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, family] of this.families) {
      const metric = `${METRIC_PREFIX}${name}`;
      lines.push(`# HELP ${metric} ${escapeHelp(COUNTER_FAMILIES[name] ?? UNKNOWN_FAMILY_HELP)}`, `# TYPE ${metric} counter`);
      for (const [key, series] of family) lines.push(`${metric}${key} ${series.count}`);
    }
    return lines.join('\n') + '\n';
  }
}

/** `{a="1",b="2"}` in a stable (sorted) order, label values escaped as the text format requires; '' for none. */
function renderLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
