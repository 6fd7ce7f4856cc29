import supertest from 'supertest';
import { Contract } from './contract';

/**
 * Every reply a spec receives through supertest is checked against the served OpenAPI document (./contract.ts):
 * a mismatch fails the request's promise, so the test that received it fails with the operation, the status and
 * the schema's complaint. Jest runs this file in every spec file's module registry (setupFilesAfterEnv).
 */
const contract = Contract.fromSetup();

interface SentTest {
  method: string;
  url: string;
  _data?: unknown;
  _header?: Record<string, string>;
}
interface Received {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  text?: string;
}
type Assert = (this: SentTest, error: unknown, response: Received | undefined, done?: Done) => void;
type Done = (this: unknown, error: unknown, response: Received | undefined) => void;

const test = supertest.Test.prototype as unknown as { assert: Assert };
const assert = test.assert;
test.assert = function (error, response, done) {
  if (!response || !done) return assert.call(this, error, response, done);
  const problems = contract.violations({
    method: this.method,
    url: this.url,
    requestBody: sentJson(this),
    status: response.status,
    headers: response.headers,
    body: response.body,
    hasBody: hasBody(response),
  });
  if (problems.length === 0) return assert.call(this, error, response, done);
  const violation = new Error(`The reply breaks the OpenAPI document:\n  ${problems.join('\n  ')}`);
  // Where supertest noticed is no news: the message says which exchange it was.
  violation.stack = violation.message;
  assert.call(this, error, response, function (this: unknown, own, received) {
    done.call(this, own ?? violation, received);
  });
};

function sentJson(sent: SentTest): unknown {
  const type = sent._header?.['content-type'] ?? '';
  return type.startsWith('application/json') && typeof sent._data === 'object' ? sent._data : undefined;
}

function hasBody(response: Received): boolean {
  if (response.headers['content-length'] === '0') return false;
  if (Buffer.isBuffer(response.body)) return response.body.length > 0;
  return (response.text ?? '') !== '' || response.headers['content-type'] !== undefined;
}
