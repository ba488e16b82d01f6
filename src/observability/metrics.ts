import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Snapshot sources read at scrape time (database counts are cheaper to read than to track). */
export interface MetricSources {
  messagesByStatus(): Promise<Record<string, number>>;
  queueDepth(): Promise<{ ready: number; scheduled: number; running: number }>;
}

/** porm's Prometheus metrics. One instance per process; every service gets what it records to. */
export class Metrics {
  readonly registry = new Registry();
  readonly carrierSubmit: Histogram<'carrier' | 'outcome'>;
  readonly webhookDeliveries: Counter<'outcome'>;
  readonly transitions: Counter<'status'>;
  readonly deliveryReports: Counter<'carrier' | 'result'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'porm_' });
    this.carrierSubmit = new Histogram({
      name: 'porm_carrier_submit_seconds', help: 'Latency of carrier submits by carrier and outcome',
      labelNames: ['carrier', 'outcome'], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.webhookDeliveries = new Counter({
      name: 'porm_webhook_attempts_total', help: 'Webhook delivery attempts by outcome (success, http_error, network_error, blocked)',
      labelNames: ['outcome'], registers: [this.registry],
    });
    this.transitions = new Counter({
      name: 'porm_message_transitions_total', help: 'Message status transitions by target status',
      labelNames: ['status'], registers: [this.registry],
    });
    this.deliveryReports = new Counter({
      name: 'porm_delivery_reports_total', help: 'Delivery reports ingested by carrier and result (applied, duplicate, pending)',
      labelNames: ['carrier', 'result'], registers: [this.registry],
    });
  }

  /** Adds the gauges that read the database when Prometheus scrapes. */
  attachSources(sources: MetricSources): void {
    new Gauge({
      name: 'porm_messages', help: 'Messages by current status', labelNames: ['status'], registers: [this.registry],
      async collect() {
        const counts = await sources.messagesByStatus();
        this.reset();
        for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
      },
    });
    new Gauge({
      name: 'porm_queue_jobs', help: 'Jobs in the queue by state (ready, scheduled, running)', labelNames: ['state'], registers: [this.registry],
      async collect() {
        const depth = await sources.queueDepth();
        for (const [state, n] of Object.entries(depth)) this.set({ state }, n);
      },
    });
  }
}
