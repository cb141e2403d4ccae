import { request, type IncomingHttpHeaders } from 'node:http';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import { keepsConnection, TunnelError, type TunnelAgent } from './tunnel-agent';

export interface RawRequest {
  method: string;
  /** Path plus query string. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBodyBytes: number;
  signal?: AbortSignal;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP/1.1 exchange over the agent's tunnel, with a whole-exchange timeout and a body size limit. */
export function exchange(agent: TunnelAgent, apiPort: number, req: RawRequest): Promise<Result<RawResponse>> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Result<RawResponse>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const outgoing = request({ agent, host: '127.0.0.1', port: apiPort, method: req.method, path: req.path, headers });
    const abortWith = (result: Result<RawResponse>): void => {
      settle(result);
      outgoing.destroy();
    };
    const onAbort = (): void => abortWith(fail('cancelled', 'The request was cancelled.'));
    const timer = setTimeout(
      () =>
        abortWith(
          fail(
            'timeout',
            `The box did not answer ${req.method} ${req.path.split('?')[0]} within ${Math.round(req.timeoutMs / 1000)} s.`,
            { detail: { timeoutMs: req.timeoutMs } },
          ),
        ),
      req.timeoutMs,
    );
    if (req.signal?.aborted) {
      onAbort();
      return;
    }
    req.signal?.addEventListener('abort', onAbort, { once: true });

    outgoing.on('error', (error) => {
      if (error instanceof TunnelError) settle(error.failure);
      else
        settle(
          fail('box-api-error', `The connection to the management daemon broke: ${error.message}`, {
            retryable: true,
            detail: { cause: error.message },
          }),
        );
    });
    outgoing.on('response', (incoming) => {
      agent.noteAnswer(keepsConnection(incoming.httpVersion, incoming.headers.connection));
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBodyBytes) {
          abortWith(
            fail('box-api-error', `The box's answer is larger than ${req.maxBodyBytes} bytes.`, { retryable: false }),
          );
          return;
        }
        chunks.push(chunk);
      });
      incoming.on('end', () =>
        settle(
          ok({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        ),
      );
      incoming.on('error', (error) =>
        settle(fail('box-api-error', `The answer from the box broke off: ${error.message}`, { retryable: true })),
      );
    });
    outgoing.end(req.body);
  });
}
