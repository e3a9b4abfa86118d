/**
 * Integration tests use real tools (promtool, alertmanager, chromium). A missing tool is a
 * failure with a message saying how to install it, never a silent skip (CI=true or not).
 */
import { execFileSync } from 'node:child_process';

const installHints: Record<string, string> = {
  promtool: 'apt-get install prometheus',
  prometheus: 'apt-get install prometheus',
  'prometheus-alertmanager': 'apt-get install prometheus-alertmanager',
  chromium: 'apt-get install chromium',
};

/** Returns the absolute path of `tool` or throws with an install hint. */
export function requireTool(tool: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${tool} is required by this test but is not installed; run: ${installHints[tool] ?? `install ${tool}`} (or bash .ci/run)`);
  }
}
