import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  raw: string;
  signature: string | undefined;
  body: any;
}

/** A local HTTP endpoint that records webhook deliveries and answers with a scripted status. */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  /** Status for the next responses, consumed in order; afterwards `fallbackStatus`. */
  script: number[] = [];
  fallbackStatus = 200;
  private server!: Server;
  url = '';

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        receiver.deliveries.push({ raw, signature: req.headers['x-signature'] as string | undefined, body: JSON.parse(raw) });
        res.statusCode = receiver.script.shift() ?? receiver.fallbackStatus;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hook`;
    return receiver;
  }

  events(): string[] {
    return this.deliveries.map((d) => d.body.event);
  }

  clear(): void {
    this.deliveries.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
