import type { Principal } from '../access/principal';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by requestIdMiddleware on every request. */
    id: string;
    /** Set by the access guard once the caller is authenticated. */
    principal?: Principal;
  }
}
