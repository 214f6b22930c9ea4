// A local stand-in for the AWS services a bundle calls that have no local server here: the JSON-protocol
// services (Secrets Manager, the Mail Manager archive) answer from a table by X-Amz-Target, SES v2's
// SendEmail and SNS's Publish answer as the real services do. Every call is kept for assertions.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsStub {
  url: string;
  calls: Array<{ service: string; body: string }>;
  close(): Promise<void>;
}

export function startAwsStub(jsonAnswers: Readonly<Record<string, unknown>>): Promise<AwsStub> {
  const calls: AwsStub['calls'] = [];
  const stub = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      if (typeof target === 'string' && target in jsonAnswers) {
        calls.push({ service: `json:${target}`, body });
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(jsonAnswers[target]));
        return;
      }
      if (request.url?.startsWith('/v2/email/outbound-emails')) {
        calls.push({ service: 'sesv2:SendEmail', body });
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: 'stub-message' }));
        return;
      }
      const action = new URLSearchParams(body).get('Action');
      calls.push({ service: `query:${action}`, body });
      if (action === 'Publish') {
        response
          .writeHead(200, { 'content-type': 'text/xml' })
          .end('<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>stub</MessageId></PublishResult><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></PublishResponse>');
        return;
      }
      response.writeHead(400).end();
    });
  });
  return new Promise((resolve) =>
    stub.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
        calls,
        close: () => new Promise((done) => stub.close(() => done())),
      }),
    ),
  );
}
