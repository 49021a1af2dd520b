// "Work available" between worker processes: LISTEN on one dedicated
// connection (a pooled one would lose its LISTEN when returned). NOTIFY is
// transactional: the stores send it inside the transaction that made the work,
// so a listener never hears of work it cannot yet see. Notifications sent
// while the connection is down are lost: after reconnecting the handler is
// called with 'reconnected' so the worker polls once.
import pg from 'pg';

export type WorkHint = 'executions' | 'tasks' | 'reconnected';

export interface WorkChannelOptions {
  readonly connectionString: string;
  readonly channel: string;
  readonly onWork: (hint: WorkHint) => void;
  readonly reconnectMs?: number;
}

export class WorkChannel {
  private client?: pg.Client;
  private closed = false;
  private timer?: NodeJS.Timeout;

  private constructor(private readonly opts: WorkChannelOptions) {}

  static async listen(opts: WorkChannelOptions): Promise<WorkChannel> {
    const ch = new WorkChannel(opts);
    await ch.connect();
    return ch;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.connectionString });
    client.on('notification', (n) => {
      if (n.channel === this.opts.channel) this.opts.onWork((n.payload || 'executions') as WorkHint);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.opts.channel)}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    if (this.closed) await client.end();
    else this.client = client;
  }

  private lost(dead: pg.Client): void {
    if (this.client !== dead) return;
    this.client = undefined;
    dead.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect().then(() => { if (!this.closed) this.opts.onWork('reconnected'); }, () => this.scheduleReconnect());
    }, this.opts.reconnectMs ?? 1000);
    this.timer.unref();
  }

  /** sends a hint outside any transaction (inside one, use pg_notify in that transaction) */
  static async notify(client: pg.ClientBase | pg.Pool, channel: string, hint: WorkHint): Promise<void> {
    await client.query('SELECT pg_notify($1, $2)', [channel, hint]);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }
}
