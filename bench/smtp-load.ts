// `npm run bench:smtp`: the local gateway's SMTP door under load — 50 concurrent senders, each on
// its own connection (nodemailer, real sockets, commands pipelined where the server offers it),
// sending the project's corpus of council messages — against the same load on a bare smtp-server
// that only writes each message to disk. Reports messages per second, p99 time to the 250 reply,
// and checks that no message was lost: the gateway's decisions (passed + held) equal the messages sent.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';

const ROOT = new URL('..', import.meta.url).pathname;
const CORPUS = join(ROOT, 'test', 'fixtures', 'corpus');
const SENDERS = 50;
/** 20 each unless BENCH_SMTP_MESSAGES_PER_SENDER says otherwise (a quick check of the bench itself). */
const MESSAGES_PER_SENDER = Number(process.env.BENCH_SMTP_MESSAGES_PER_SENDER ?? 20);
/**
 * Each server first takes this many messages from each sender, not timed: a running gateway has
 * long since compiled its hot code in each of its threads, and in a fresh one that compiling took
 * a fifth of the first thousand messages' time (p99 1.7 s to the 250 against 0.5 s after it).
 */
const WARM_UP_PER_SENDER = Number(process.env.BENCH_SMTP_WARM_UP_PER_SENDER ?? 10);
/** The gateway should keep at least this share of the bare server's rate. */
const TARGET_SHARE = 0.5;

interface Sample {
  raw: Buffer;
  from: string;
  to: string;
}

/** The corpus messages sent from the council's domain: their bytes and envelope. */
function samples(): Sample[] {
  const out: Sample[] = [];
  for (const name of readdirSync(CORPUS).filter((n) => n.endsWith('.eml')).sort()) {
    const raw = readFileSync(join(CORPUS, name));
    const head = raw.subarray(0, raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n')).toString('latin1');
    const from = /^From:.*<([^>\s]+@rushcliffe\.gov\.uk)>/im.exec(head)?.[1];
    const to = /^To:.*<([^>\s]+)>/im.exec(head)?.[1] ?? /^To:\s*([^\s<>,]+@[^\s<>,]+)/im.exec(head)?.[1];
    if (from && to) out.push({ raw, from, to });
  }
  return out;
}

/** The sample with a Message-ID of its own, so that each send is a new message, not a retry of one. */
function withMessageId(raw: Buffer, id: string): Buffer {
  const text = raw.toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  const header = text.slice(0, headerEnd).replace(/^Message-ID:[^\n]*\n?/im, '');
  return Buffer.from(`Message-ID: <${id}>\r\n${header}${text.slice(headerEnd)}`, 'latin1');
}

/** A server in a child process; resolves with its SMTP port once it prints it. */
function startServer(args: string[], env: NodeJS.ProcessEnv, portLine: RegExp): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const port = portLine.exec(out)?.[1];
      if (port) resolve({ child, port: Number(port) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out.slice(0, 1000)}`)));
  });
}

/**
 * The floor: smtp-server that only streams each message to a file and answers 250. With `flush`
 * as its second argument, each file is also flushed to disk before the 250, as a server must that
 * promises not to lose what it has accepted (RFC 5321, 4.5.3.1.x's "MUST NOT lose the message"):
 * a second row, to show how much of the gap is that promise. The target is against the first.
 */
const BARE_SERVER = `
import { createWriteStream } from 'node:fs';
import { SMTPServer } from 'smtp-server';
const dir = process.argv[1];
const flush = process.argv[2] === 'flush';
let n = 0;
const server = new SMTPServer({
  authOptional: true, disableReverseLookup: true, logger: false, banner: 'bare',
  onData(stream, session, callback) {
    // flush: the file is flushed to disk before it is closed, and the 250 waits for the close.
    const file = createWriteStream(dir + '/' + (n += 1) + '.eml', { flush });
    stream.pipe(file);
    file.once(flush ? 'close' : 'finish', () => callback());
    file.once('error', callback);
  },
});
server.listen(0, '127.0.0.1', () => console.log('SMTP listening on 127.0.0.1:' + server.server.address().port));
`;

interface LoadResult {
  sent: number;
  failed: number;
  seconds: number;
  p99Ms: number;
  p50Ms: number;
  /** The server's CPU time (all its threads, user and system) per message accepted. */
  cpuMsPerMessage?: number;
}

/**
 * CPU time a process has used, in ms, from /proc (Linux; undefined elsewhere): utime and stime,
 * the 14th and 15th fields, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
 */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * A warm-up round, then the timed one, with the server's CPU time per message. `finished` waits for
 * work the server does after its 250s (none for the bare server), so that it is counted too.
 */
async function measure(child: ChildProcess, port: number, messages: Sample[], finished: (accepted: number) => Promise<void> = async () => {}): Promise<LoadResult> {
  const warm = await load(port, messages, WARM_UP_PER_SENDER);
  await finished(warm.sent);
  const before = cpuMs(child.pid);
  const result = await load(port, messages, MESSAGES_PER_SENDER);
  await finished(warm.sent + result.sent);
  const after = cpuMs(child.pid);
  return before === undefined || after === undefined ? result : { ...result, cpuMsPerMessage: (after - before) / result.sent };
}

/** SENDERS senders at once, each sending `perSender` messages one after another on one connection. */
async function load(port: number, messages: Sample[], perSender: number): Promise<LoadResult> {
  const times: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, sender) => {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity });
      try {
        for (let i = 0; i < perSender; i += 1) {
          const sample = messages[next++ % messages.length]!;
          const raw = withMessageId(sample.raw, `bench-${process.pid}-${sender}-${next}-${Date.now()}@rushcliffe.gov.uk`);
          const t = performance.now();
          try {
            await transport.sendMail({ envelope: { from: sample.from, to: [sample.to] }, raw });
            times.push(performance.now() - t);
          } catch {
            failed += 1;
          }
        }
      } finally {
        transport.close();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { sent: times.length, failed, seconds, p99Ms: at(0.99), p50Ms: at(0.5) };
}

/** The gateway's decisions so far: lines of decisions.jsonl by outcome. */
function decisions(dataDir: string): Map<string, number> {
  const counts = new Map<string, number>();
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'decisions.jsonl'), 'utf8');
  } catch {
    return counts;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const { decision } = JSON.parse(line) as { decision: string };
    counts.set(decision, (counts.get(decision) ?? 0) + 1);
  }
  return counts;
}

async function settled(dataDir: string, expected: number, timeoutMs = 60_000): Promise<Map<string, number>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const counts = decisions(dataDir);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    if (total >= expected || Date.now() > until) return counts;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function row(name: string, result: LoadResult): string {
  const cpu = result.cpuMsPerMessage === undefined ? '' : `   CPU ${result.cpuMsPerMessage.toFixed(2).padStart(5)} ms/message`;
  return `${name.padEnd(26)} ${(result.sent / result.seconds).toFixed(1).padStart(7)} messages/s   p50 ${result.p50Ms.toFixed(0).padStart(5)} ms   p99 ${result.p99Ms.toFixed(0).padStart(5)} ms${cpu}   ${result.sent} sent, ${result.failed} refused`;
}

const messages = samples();
const work = mkdtempSync(join(tmpdir(), 'bench-smtp-'));
const children: ChildProcess[] = [];
try {
  const bareDir = mkdtempSync(join(work, 'bare-'));
  const bare = await startServer(['--input-type=module', '-e', BARE_SERVER, bareDir], process.env, /SMTP listening on [^:]+:(\d+)/);
  children.push(bare.child);
  const bareResult = await measure(bare.child, bare.port, messages);
  const bareStored = readdirSync(bareDir).length - SENDERS * WARM_UP_PER_SENDER;
  const flushedDir = mkdtempSync(join(work, 'bare-flushed-'));
  const flushed = await startServer(['--input-type=module', '-e', BARE_SERVER, flushedDir, 'flush'], process.env, /SMTP listening on [^:]+:(\d+)/);
  children.push(flushed.child);
  const flushedResult = await measure(flushed.child, flushed.port, messages);
  const flushedStored = readdirSync(flushedDir).length - SENDERS * WARM_UP_PER_SENDER;

  const dataDir = join(work, 'gateway');
  const gateway = await startServer(
    [join(ROOT, 'bin', 'gateway.js'), 'serve'],
    { ...process.env, GATEWAY_SMTP_PORT: '0', GATEWAY_HTTP_PORT: '0', GATEWAY_DATA_DIR: dataDir },
    /SMTP\s+listening on [^:]+:(\d+)/,
  );
  children.push(gateway.child);
  // The decisions of the warm-up round, taken away from the final count.
  let warmUpCounts: Map<string, number> | undefined;
  const gatewayResult = await measure(gateway.child, gateway.port, messages, async (accepted) => {
    const counts = await settled(dataDir, accepted);
    warmUpCounts ??= counts;
  });
  const counts = new Map([...(await settled(dataDir, SENDERS * WARM_UP_PER_SENDER + gatewayResult.sent))].map(([k, n]) => [k, n - (warmUpCounts?.get(k) ?? 0)]));
  const decided = [...counts.values()].reduce((a, b) => a + b, 0);

  const share = gatewayResult.sent / gatewayResult.seconds / (bareResult.sent / bareResult.seconds);
  console.log(`SMTP load on ${process.version}: ${SENDERS} concurrent senders × ${MESSAGES_PER_SENDER} messages from ${messages.length} corpus messages, after ${WARM_UP_PER_SENDER} each to warm up\n`);
  console.log(row('bare smtp-server to disk', bareResult), `  (${bareStored} files written)`);
  console.log(row('  same, each file flushed', flushedResult), `  (${flushedStored} files written)`);
  console.log(row('gateway SMTP door', gatewayResult), `  (${decided} decided: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')})`);
  const lost = gatewayResult.sent - decided;
  console.log(`\ngateway / bare rate: ${(share * 100).toFixed(0)} %  ${share >= TARGET_SHARE ? 'ok' : 'MISS'} (target ≥ ${TARGET_SHARE * 100} %)`);
  const flushedShare = gatewayResult.sent / gatewayResult.seconds / (flushedResult.sent / flushedResult.seconds);
  console.log(`gateway / bare rate with each file flushed: ${(flushedShare * 100).toFixed(0)} %  (for comparison; no target)`);
  console.log(`messages lost: ${lost}  ${lost === 0 && gatewayResult.failed === 0 ? 'ok' : 'MISS'} (accepted ${gatewayResult.sent}, decided ${decided}, refused ${gatewayResult.failed})`);
  process.exitCode = share >= TARGET_SHARE && lost === 0 && gatewayResult.failed === 0 && bareStored === bareResult.sent ? 0 : 1;
} finally {
  // Stopped before their folders are removed: the gateway finishes what it has in hand first.
  await Promise.all(
    children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')) : undefined)),
  );
  rmSync(work, { recursive: true, force: true });
}
