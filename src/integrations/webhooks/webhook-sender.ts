import { Injectable } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { AppConfig } from '../../config/app-config';
import { RefusedTarget, ResolvedAddress, resolveTarget } from './address-guard';

export const SNIPPET_LENGTH = 500;
/** Enough of a reply to show its start; the rest is not read. */
const MAX_READ_BYTES = 64 * 1024;

export interface SendOutcome {
  /** The reply's status, or null when there was none (refused target, timeout, network error). */
  status: number | null;
  snippet: string | null;
  error: string | null;
  durationMs: number;
}

/**
 * POSTs one delivery. The target is resolved and checked first (address-guard); the connection then goes to the
 * checked addresses only, through a `lookup` that answers with them. The whole attempt (DNS included) has
 * WEBHOOK_TIMEOUT_MS. Never throws: every failure is an outcome.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: AppConfig) {}

  async send(target: string, body: string, headers: Record<string, string>): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const timeoutMs = this.config.webhookTimeoutMs;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const url = new URL(target);
      const addresses = await withAbort(resolveTarget(url, this.config.webhookAllowPrivate), abort.signal);
      const { status, text } = await post(url, addresses, body, headers, abort.signal);
      const ok = status >= 200 && status < 300;
      return {
        status,
        snippet: text.slice(0, SNIPPET_LENGTH),
        error: ok ? null : `the receiver answered ${status}`,
        durationMs: elapsed(),
      };
    } catch (error) {
      const reason = abort.signal.aborted
        ? `timed out after ${timeoutMs} ms`
        : error instanceof RefusedTarget
          ? error.message
          : `network error: ${(error as Error).message}`;
      return { status: null, snippet: null, error: reason.slice(0, SNIPPET_LENGTH), durationMs: elapsed() };
    } finally {
      clearTimeout(timer);
    }
  }
}

function withAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    work.then(resolve, reject);
  });
}

/** Answers with the checked addresses, whatever the name: the connection cannot go anywhere else. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      callback(null, addresses);
      return;
    }
    const wanted = addresses.find(({ family }) => !options.family || family === options.family);
    const chosen = wanted ?? addresses[0];
    callback(null, chosen.address, chosen.family);
  };
}

function post(
  url: URL,
  addresses: ResolvedAddress[],
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<{ status: number; text: string }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(addresses),
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          if (read < MAX_READ_BYTES) chunks.push(chunk);
          read += chunk.length;
          if (read >= MAX_READ_BYTES) response.destroy();
        });
        const done = () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        response.on('end', done);
        response.on('close', done);
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
