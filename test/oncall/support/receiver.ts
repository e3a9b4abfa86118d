/** A local webhook receiver that counts and timestamps what it receives. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Receipt {
  at: number;
  idempotencyKey: string;
  body: { pageId: string; status: string; idempotencyKey: string; escalation: { step: number | 'final' }; links: { acknowledge?: string; resolve?: string } };
}

export interface CountingReceiver {
  url: string;
  receipts: Receipt[];
  close(): Promise<void>;
}

export async function startCountingReceiver(answer: () => number = () => 200): Promise<CountingReceiver> {
  const receipts: Receipt[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const status = answer();
      if (status === 0) return; // hang: never answer
      if (status < 300) {
        receipts.push({ at: Date.now(), idempotencyKey: String(req.headers['idempotency-key'] ?? ''), body: JSON.parse(data) as Receipt['body'] });
      }
      res.writeHead(status).end(status < 300 ? 'ok' : 'failed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    receipts,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
