import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../../lib/local/http-server.ts';
import { HttpError, Router } from '../../lib/local/router.ts';
import { jsonLogger } from '../../lib/log.ts';
import { newDataDir, removeDataDirs, start, type Harness } from './gateway-harness.ts';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await removeDataDirs();
});

describe('Router', () => {
  const router = new Router()
    .add('GET', '/held', () => ({ status: 200 }))
    .add('GET', '/held/:reference', () => ({ status: 200 }))
    .add('POST', '/held/:reference/release', () => ({ status: 200 }));

  it.each([
    ['GET', '/held', {}],
    ['GET', '/held/H-1', { reference: 'H-1' }],
    ['GET', '/held/a%20b', { reference: 'a b' }],
    ['POST', '/held/H-1/release', { reference: 'H-1' }],
  ])('matches %s %s', (method, path, params) => {
    expect(router.match(method, path)).toMatchObject({ params });
  });

  it.each([
    ['GET', '/nothing', undefined],
    ['GET', '/held/', undefined],
    ['GET', '/held/%E0%A4%A', undefined],
    ['DELETE', '/held/H-1', { allowed: ['GET'] }],
    ['GET', '/held/H-1/release', { allowed: ['POST'] }],
  ])('does not match %s %s', (method, path, expected) => {
    expect(router.match(method, path)).toEqual(expected);
  });
});

describe('HTTP server', () => {
  async function serve(router: Router, logs: string[] = []): Promise<string> {
    const server: RunningHttpServer = await startHttpServer({ host: '127.0.0.1', port: 0, router, log: jsonLogger((l) => logs.push(l)) });
    servers.push(server);
    return `http://127.0.0.1:${server.port}`;
  }

  it.each([
    ['an unknown path', 'GET', '/nope', 404, 'not-found'],
    ['a wrong method', 'DELETE', '/echo', 405, 'method-not-allowed'],
    ['a body over the limit', 'POST', '/echo', 413, 'too-large'],
    ['a handler that fails', 'GET', '/fail', 500, 'internal'],
    ['a client error', 'GET', '/teapot', 418, 'teapot'],
  ])('answers %s with JSON', async (_name, method, path, status, error) => {
    const router = new Router()
      .add('POST', '/echo', async (req) => ({ status: 200, body: await req.body(10) }))
      .add('GET', '/fail', () => {
        throw new Error('secret detail');
      })
      .add('GET', '/teapot', () => {
        throw new HttpError(418, 'teapot', 'I am a teapot.');
      });
    const logs: string[] = [];
    const base = await serve(router, logs);
    const res = await fetch(`${base}${path}`, { method, ...(method === 'POST' ? { body: 'x'.repeat(100) } : {}) });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toMatchObject({ error });
    if (status === 405) expect(res.headers.get('allow')).toBe('POST');
    expect(logs.join('\n')).not.toContain('secret detail');
  });

  it('passes the body and params to a handler', async () => {
    const base = await serve(new Router().add('POST', '/echo/:name', async (req) => ({ status: 201, json: { name: req.params.name, body: (await req.body()).toString(), q: req.query.get('q') } })));
    const res = await fetch(`${base}/echo/x?q=1`, { method: 'POST', body: 'hello' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ name: 'x', body: 'hello', q: '1' });
  });

  it('serves GET /health on the local gateway', async () => {
    const harness: Harness = await start(await newDataDir());
    servers.push({ close: () => harness.gateway.stop() });
    await harness.gateway.recovery;
    const res = await fetch(`http://127.0.0.1:${harness.gateway.httpPort}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      mode: 'enforce',
      ruleSetVersion: harness.gateway.deps.engine.ruleSet.version,
      smtpPort: harness.gateway.smtpPort,
      recovery: 'done',
    });
  });
});
