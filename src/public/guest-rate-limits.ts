import type { Request } from 'express';

/**
 * The buckets of a public route opened by a token in its path (`param`): one per device and token, one per token.
 * One guest cannot flood the floor, nor can a whole party (or every screen of one board).
 */
export const perTokenAndIp = (param: string, perDevice: number, perToken: number) => (request: Request) => {
  const token = String(request.params[param]);
  return [
    { bucket: `ip:${request.ip ?? 'unknown'}:${token}`, limit: perDevice },
    { bucket: `token:${token}`, limit: perToken },
  ];
};
