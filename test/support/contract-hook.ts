import supertest from 'supertest';
import { contractBreach } from './contract';

/**
 * Every reply a spec receives through supertest is checked against the served OpenAPI document (./contract.ts):
 * a mismatch fails the request's promise, so the test that received it fails with the operation, the status and
 * the schema's complaint. Jest runs this file in every spec file's module registry (setupFilesAfterEnv).
 */
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
  const breach = contractBreach({
    method: this.method,
    url: this.url,
    requestBody: sentJson(this),
    status: response.status,
    headers: response.headers,
    body: jsonOf(response),
    hasBody: hasBody(response),
  });
  if (!breach) return assert.call(this, error, response, done);
  assert.call(this, error, response, function (this: unknown, own, received) {
    done.call(this, own ?? breach, received);
  });
};

function sentJson(sent: SentTest): unknown {
  const type = sent._header?.['content-type'] ?? '';
  return type.startsWith('application/json') && typeof sent._data === 'object' ? sent._data : undefined;
}

/** The reply's JSON, also where the spec read the body with a parser of its own (as bytes or text). */
function jsonOf(response: Received): unknown {
  const isJson = /^application\/(.+\+)?json/.test(response.headers['content-type'] ?? '');
  const text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body;
  if (!isJson || typeof text !== 'string') return response.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON after all: the schema says so.
    return text;
  }
}

function hasBody(response: Received): boolean {
  if (response.headers['content-length'] === '0') return false;
  if (Buffer.isBuffer(response.body)) return response.body.length > 0;
  return (response.text ?? '') !== '' || response.headers['content-type'] !== undefined;
}
