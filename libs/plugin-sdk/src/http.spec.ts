import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RetryableError } from './errors';
import { callProvider, retryAfterSeconds } from './http';

describe('callProvider', () => {
  let server: Server;
  let base: string;
  const open = new Set<import('node:net').Socket>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/json') return void res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '7' }).end('{"ErrorCode":429}');
      if (req.url === '/text') return void res.writeHead(502).end('<html>Bad gateway</html>');
      if (req.url === '/redirect') return void res.writeHead(302, { Location: '/json' }).end();
      // '/hang': never answers.
    });
    server.on('connection', (socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of open) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const context = (timeoutMs = 2000, signal = new AbortController().signal) => ({ timeoutMs, signal });

  it('returns any HTTP answer with its status, Retry-After and JSON body', async () => {
    expect(await callProvider('Acme', `${base}/json`, {}, context())).toEqual({ status: 429, retryAfter: '7', body: { ErrorCode: 429 } });
    expect(await callProvider('Acme', `${base}/text`, {}, context())).toEqual({ status: 502, retryAfter: null, body: undefined });
  });

  it('turns a timeout, a refused connection, a redirect and a stop into RetryableError worded for the tenant', async () => {
    await expect(callProvider('Acme', `${base}/hang`, {}, context(200))).rejects.toMatchObject({ constructor: RetryableError, providerCode: 'timeout', message: 'Acme did not answer within 1 seconds.' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(callProvider('Acme', `http://127.0.0.1:${port}/`, {}, context())).rejects.toMatchObject({ providerCode: 'ECONNREFUSED', message: 'Acme could not be reached; the message will be tried again.' });
    await expect(callProvider('Acme', `${base}/redirect`, {}, context())).rejects.toBeInstanceOf(RetryableError);
    const stop = new AbortController();
    const pending = callProvider('Acme', `${base}/hang`, {}, context(5000, stop.signal));
    stop.abort();
    await expect(pending).rejects.toMatchObject({ message: 'Sending was stopped before Acme answered.' });
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates, and falls back when absent or unreadable', () => {
    expect(retryAfterSeconds('7', 60)).toBe(7);
    expect(retryAfterSeconds('1.2', 60)).toBe(2);
    expect(retryAfterSeconds(null, 60)).toBe(60);
    expect(retryAfterSeconds('soon', 60)).toBe(60);
    const inTwoMinutes = retryAfterSeconds(new Date(Date.now() + 120_000).toUTCString(), 60);
    expect(inTwoMinutes).toBeGreaterThan(100);
    expect(inTwoMinutes).toBeLessThanOrEqual(120);
  });
});
