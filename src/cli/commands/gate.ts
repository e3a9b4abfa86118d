/**
 * `sloop gate`: asks a sloop server whether risky changes to a service may ship. For CI:
 * exit 0 allowed, 3 frozen, 4 server unreachable (or a server error), 5 token refused.
 */
import type { Command } from 'commander';
import { AuthenticationError, InputError, NotFoundError, UnavailableError, describeError } from '../../errors/index.js';
import { ExitCode } from '../exit-codes.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';

interface GateOptions {
  server: string;
  service: string;
  changeLabel?: string[];
  token?: string;
  timeout: string;
  json?: boolean;
}

interface GateAnswer {
  decision: 'allowed' | 'frozen';
  reason: string;
  responsible: Array<{ slo: string; remainingFraction: number; projectedRecoveryAt: number | null }>;
  projectedRecoveryAt: number | null;
}

export async function queryGate(options: { server: string; service: string; changeLabels: string[]; token: string; timeoutMs: number }): Promise<GateAnswer> {
  let url: URL;
  try {
    url = new URL('/api/v1/gate', options.server);
  } catch {
    throw new InputError(`--server ${JSON.stringify(options.server)} is not a URL; pass e.g. https://sloop.example.com`);
  }
  url.searchParams.set('service', options.service);
  for (const label of options.changeLabels) url.searchParams.append('changeLabel', label);
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${options.token}` }, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (err: unknown) {
    throw new UnavailableError(`cannot reach the sloop server at ${url.origin} (${describeError(err)}); check --server and the network`, { cause: err });
  }
  const body = (await res.json().catch(() => null)) as (GateAnswer & { error?: { message: string } }) | null;
  const message = body?.error?.message ?? `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403) throw new AuthenticationError(`the server refused the token: ${message}`);
  if (res.status === 404) throw new NotFoundError(message);
  if (res.status >= 500 || !body) throw new UnavailableError(`the sloop server answered ${res.status}: ${message}`);
  if (!res.ok) throw new InputError(message);
  return body;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('gate')
    .description('Deploy gate for CI: exit 0 when changes may ship, 3 when the error budget policy freezes them, 4 when the server is unreachable.')
    .requiredOption('--server <url>', 'sloop server URL')
    .requiredOption('--service <name>', 'service whose SLOs decide')
    .option('--change-label <label...>', 'labels of the change; an exception label (reliability, security) ships during a freeze')
    .option('--token <token>', 'bearer token with the read scope (default: $SLOOP_TOKEN)')
    .option('--timeout <ms>', 'request timeout in milliseconds', '10000')
    .option('--json', 'print the gate decision as JSON')
    .action(async (options: GateOptions) => {
      const token = options.token ?? process.env.SLOOP_TOKEN;
      if (!token) throw new InputError('no token; pass --token or set SLOOP_TOKEN (create one with `sloop token create --scope read`)');
      const answer = await queryGate({
        server: options.server,
        service: options.service,
        changeLabels: options.changeLabel ?? [],
        token,
        timeoutMs: Number(options.timeout) || 10_000,
      });
      if (options.json) printJson(ctx.io, answer);
      else {
        ctx.io.out(`${answer.decision.toUpperCase()}: ${answer.reason}`);
        for (const r of answer.responsible) {
          const recovery = r.projectedRecoveryAt ? `, projected to recover ${new Date(r.projectedRecoveryAt).toISOString()}` : '';
          ctx.io.out(`  ${r.slo}: ${(r.remainingFraction * 100).toFixed(1)}% budget remaining${recovery}`);
        }
      }
      ctx.setExitCode(answer.decision === 'allowed' ? ExitCode.OK : ExitCode.FROZEN);
    });
}
