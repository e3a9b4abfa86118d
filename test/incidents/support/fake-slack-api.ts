/**
 * A local fake of the two Slack Web API methods sloop calls, speaking their shapes: JSON POST
 * with `Authorization: Bearer <bot token>`, HTTP 200 with `{ ok: true, ... }` or `{ ok: false,
 * error }`. conversations.create enforces Slack's channel-name rules and `name_taken`;
 * chat.postMessage needs a known channel id.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSlackApi {
  url: string;
  channels: Map<string, { id: string; name: string; messages: Array<{ text: string; blocks: unknown[] }> }>;
  close(): Promise<void>;
}

export async function startFakeSlackApi(botToken: string): Promise<FakeSlackApi> {
  const channels: FakeSlackApi['channels'] = new Map();
  let next = 1;
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const answer = (body: Record<string, unknown>) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Bearer ${botToken}`) return answer({ ok: false, error: 'invalid_auth' });
      if (!String(req.headers['content-type']).startsWith('application/json')) return answer({ ok: false, error: 'invalid_form_data' });
      const body = JSON.parse(data) as Record<string, unknown>;
      if (req.url === '/api/conversations.create') {
        const name = String(body.name ?? '');
        if (!/^[a-z0-9_-]{1,80}$/.test(name)) return answer({ ok: false, error: 'invalid_name_specials' });
        if ([...channels.values()].some((c) => c.name === name)) return answer({ ok: false, error: 'name_taken' });
        const id = `C${String(next++).padStart(8, '0')}`;
        channels.set(id, { id, name, messages: [] });
        return answer({ ok: true, channel: { id, name, is_channel: true, created: 1 } });
      }
      if (req.url === '/api/chat.postMessage') {
        const channel = channels.get(String(body.channel));
        if (!channel) return answer({ ok: false, error: 'channel_not_found' });
        channel.messages.push({ text: String(body.text), blocks: body.blocks as unknown[] });
        return answer({ ok: true, channel: channel.id, ts: '1.0' });
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    channels,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
