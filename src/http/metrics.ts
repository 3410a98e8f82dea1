/** In-process counters, exposed at /metrics in the Prometheus text format. */
export class Metrics {
  private counters = new Map<string, number>();

  increment(name: string, labels: Record<string, string>): void {
    const key = `${name}{${Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
      .join(',')}}`;
    this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
  }

  value(name: string, labels: Record<string, string>): number {
    for (const [key, count] of this.counters) {
      if (!key.startsWith(`${name}{`)) continue;
      if (Object.entries(labels).every(([k, v]) => key.includes(`${k}="${v}"`))) return count;
    }
    return 0;
  }

  render(): string {
    return [...this.counters].map(([key, count]) => `salesbeat_${key} ${count}`).join('\n') + '\n';
  }
}
