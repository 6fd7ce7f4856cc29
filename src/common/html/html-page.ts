import type { Response } from 'express';
import { randomBytes } from 'node:crypto';

/** The Content-Security-Policy of our HTML pages: only the page's own inline code and same-origin requests. */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Prepares `response` for a server-rendered page: a fresh nonce for its inline style and script, the strict CSP
 * that allows nothing else, and no caching. Answers the nonce.
 */
export function startHtmlPage(response: Response): string {
  const nonce = randomBytes(16).toString('base64');
  response.setHeader('Content-Security-Policy', pageCsp(nonce));
  response.setHeader('Cache-Control', 'no-store');
  response.type('html');
  return nonce;
}
