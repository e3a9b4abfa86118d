/**
 * Test support for the notifier contract suite: real local receivers. HTTP receivers are
 * node:http servers on port 0; the SMTP receiver is a real `smtp-server` on port 0. Each follows
 * a script saying how to answer the n-th request (1-based), and records everything it saw.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceiverAnswer = 'ok' | 'fail' | 'reject' | 'hang';
export type ReceiverScript = (requestNumber: number, request: Omit<Receipt, 'answer'>) => ReceiverAnswer;

export interface Receipt {
  answer: ReceiverAnswer;
  /** HTTP: the body. SMTP: the raw message. */
  body: string;
  /** Lower-case names. SMTP: the message headers. */
  headers: Record<string, string>;
}

export interface TestReceiver {
  /** `http://127.0.0.1:PORT/hook` or `smtp://127.0.0.1:PORT`. */
  url: string;
  port: number;
  requests: Receipt[];
  /** Requests answered with success: what was really delivered. */
  accepted(): Receipt[];
  /** Client connections still open (SMTP receiver only). */
  openConnections?: () => number;
  close(): Promise<void>;
}

export const always = (answer: ReceiverAnswer): ReceiverScript => () => answer;

export async function startHttpReceiver(script: ReceiverScript, success = { status: 200, body: 'ok' }): Promise<TestReceiver> {
  const requests: Receipt[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { body: Buffer.concat(chunks).toString('utf8'), headers: flatten(req.headers) };
      const answer = script(requests.length + 1, request);
      requests.push({ answer, ...request });
      if (answer === 'hang') return void hanging.push(res);
      if (answer === 'ok') res.writeHead(success.status).end(success.body);
      else if (answer === 'fail') res.writeHead(500).end('internal_error');
      else res.writeHead(400).end('invalid_payload');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook/secret-path`,
    port,
    requests,
    accepted: () => requests.filter((r) => r.answer === 'ok'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startSmtpReceiver(script: ReceiverScript): Promise<TestReceiver> {
  const requests: Receipt[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 50,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const request = { body: raw, headers: parseMail(raw).headers };
        const answer = script(requests.length + 1, request);
        requests.push({ answer, ...request });
        if (answer === 'hang') return;
        if (answer === 'ok') return callback();
        const err = new Error(answer === 'fail' ? 'try again later' : 'mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = answer === 'fail' ? 451 : 550;
        callback(err);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    requests,
    accepted: () => requests.filter((r) => r.answer === 'ok'),
    openConnections: () => (server as unknown as { connections: Set<unknown> }).connections.size,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}

export interface ParsedMail {
  headers: Record<string, string>;
  text: string;
  html: string;
}

/** Just enough MIME to read what nodemailer sends: nested multiparts, 7bit, quoted-printable, base64. */
export function parseMail(raw: string): ParsedMail {
  const out: ParsedMail = { headers: {}, text: '', html: '' };
  const walk = (entity: string, top: boolean) => {
    const split = entity.indexOf('\r\n\r\n');
    const headers = parseHeaders(split < 0 ? entity : entity.slice(0, split));
    const body = split < 0 ? '' : entity.slice(split + 4);
    if (top) out.headers = headers;
    const type = headers['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) {
      for (const part of body.split(`--${boundary}`).slice(1)) if (!part.startsWith('--')) walk(part.replace(/^\r\n/, ''), false);
      return;
    }
    const decoded = decodeBody(body, headers['content-transfer-encoding'] ?? '7bit');
    if (type.startsWith('text/html')) out.html = decoded;
    else if (type.startsWith('text/plain')) out.text = decoded;
  };
  walk(raw, true);
  return out;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBody(body: string, encoding: string): string {
  const e = encoding.toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (e === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n$/, '');
  }
  return body.replace(/\r\n$/, '');
}
