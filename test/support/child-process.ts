/**
 * Shared plumbing for tests that run a real server binary (Prometheus, Alertmanager): pick a
 * free port, wait for its `/-/ready` endpoint, and stop it (SIGTERM, then SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Waits until `${url}/-/ready` answers 2xx; fails early, with the output, if the child exits. */
async function waitUntilReady(name: string, url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with code ${child.exitCode} before it was ready:\n${output().slice(-3000)}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${output().slice(-3000)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** A port that was free a moment ago (callers retry on "address already in use"). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningBinary {
  url: string;
  /** Everything the process logged so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `binary` listening on a free loopback port (`argsFor(port)` builds its arguments),
 * waits for `/-/ready`, and retries when another process took the port first. `cleanup` runs
 * after the process stops, or when it could not be started.
 */
export async function startOnFreePort(options: {
  name: string;
  binary: string;
  argsFor: (port: number) => string[];
  readyTimeoutMs: number;
  cleanup: () => Promise<void>;
}): Promise<RunningBinary> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(options.binary, options.argsFor(port), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilReady(options.name, url, child, () => output, options.readyTimeoutMs);
    } catch (err: unknown) {
      await stopChild(child);
      process.off('exit', killOnExit);
      if (attempt < 3 && /address already in use/.test(output)) continue;
      await options.cleanup();
      throw err;
    }
    return {
      url,
      output: () => output,
      async stop() {
        await stopChild(child);
        process.off('exit', killOnExit);
        await options.cleanup();
      },
    };
  }
}
