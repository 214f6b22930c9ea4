// `gateway serve` as `npm start` runs it, in a child process with its own environment, so a test
// can kill it for real (SIGKILL) and start it again on the same data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ChildGateway {
  child: ChildProcess;
  ports: Promise<{ smtp: number; http: number }>;
  stdout(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

const children: ChildGateway[] = [];

export function serve(dataDir: string, env: Record<string, string> = {}): ChildGateway {
  const child = spawn(process.execPath, ['bin/gateway.js', 'serve'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, GATEWAY_SMTP_PORT: '0', GATEWAY_HTTP_PORT: '0', GATEWAY_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ports = new Promise<{ smtp: number; http: number }>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const smtp = /SMTP\s+listening on [^:]+:(\d+)/.exec(out);
      const http = /HTTP\s+listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (smtp && http && out.includes('Press Ctrl+C to stop.')) resolve({ smtp: Number(smtp[1]), http: Number(http[1]) });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`gateway exited (${code}) before listening:\n${out}`)));
  });
  const running = { child, ports, stdout: () => out, exited };
  children.push(running);
  return running;
}

/** Kills whatever a test left running. */
export async function killChildren(): Promise<void> {
  for (const { child, exited } of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  }
}

/** SIGKILL, as a power cut or the OOM killer would: no handler runs, nothing is flushed. */
export async function killHard(gateway: ChildGateway): Promise<void> {
  gateway.child.kill('SIGKILL');
  await gateway.exited;
}
