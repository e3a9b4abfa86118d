/**
 * A local Slack-shaped incoming-webhook receiver: counts the JSON bodies it accepts, and can be
 * switched to answer 500 or to hang (never answer), to show chat trouble never blocks incidents.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceiverMode = 'ok' | 'fail' | 'hang';

export interface ChatReceiver {
  url: string;
  /** Bodies accepted with 200, in arrival order. */
  received: Array<{ text: string; blocks: unknown[]; key: string }>;
  /** Requests of any outcome. */
  requests: number;
  mode: ReceiverMode;
  close(): Promise<void>;
}

export async function startChatReceiver(): Promise<ChatReceiver> {
  const hanging: ServerResponse[] = [];
  const receiver: ChatReceiver = {
    url: '',
    received: [],
    requests: 0,
    mode: 'ok',
    close: () => new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      receiver.requests++;
      if (receiver.mode === 'hang') {
        hanging.push(res);
        return;
      }
      if (receiver.mode === 'fail') {
        res.writeHead(500).end('internal_error');
        return;
      }
      receiver.received.push({ ...(JSON.parse(data) as { text: string; blocks: unknown[] }), key: String(req.headers['x-sloop-idempotency-key'] ?? '') });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/XXXX`;
  return receiver;
}
