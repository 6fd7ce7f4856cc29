import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { FloorService, qrTokenHash } from '../floor/floor.service';
import type { Viewer } from './viewer';

/** What a client may put in `io(url, { auth })`. */
export interface HandshakeAuth {
  token?: unknown;
  qrToken?: unknown;
  apiKey?: unknown;
  since?: unknown;
  stations?: unknown;
}

export interface AuthenticatedSocket {
  viewer: Viewer;
  /** When the credential dies and the socket must go; null when it does not expire. */
  expiresAt: Date | null;
  /** Replay everything after this seq first; null for live events only. */
  since: number | null;
}

/** Authenticates a socket.io handshake with the same services as HTTP; null refuses the connection. */
@Injectable()
export class SocketAuthenticator {
  constructor(
    private readonly auth: AuthService,
    private readonly floor: FloorService,
  ) {}

  async authenticate(handshake: HandshakeAuth): Promise<AuthenticatedSocket | null> {
    const since = parseSince(handshake.since);
    if (since === undefined) return null;
    if (typeof handshake.token === 'string') {
      const stationIds = parseStations(handshake.stations);
      if (stationIds === undefined) return null;
      const staff = await this.auth.authenticateAccessToken(handshake.token);
      if (!staff) return null;
      return {
        viewer: { kind: 'staff', principal: staff.principal, stationIds },
        expiresAt: staff.expiresAt,
        since,
      };
    }
    if (typeof handshake.qrToken === 'string') {
      const table = await this.floor.tableByQrToken(handshake.qrToken);
      if (!table) return null;
      return {
        viewer: {
          kind: 'customer',
          tableId: table.id,
          seating: table.seating,
          qrTokenHash: qrTokenHash(handshake.qrToken),
        },
        expiresAt: null,
        since,
      };
    }
    // API keys (handshake.apiKey) are accepted once the integrations module issues them.
    return null;
  }
}

/** null when absent; undefined when present but not a non-negative integer. */
function parseSince(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  const since = Number(value);
  return Number.isSafeInteger(since) && since >= 0 ? since : undefined;
}

function parseStations(value: unknown): string[] | null | undefined {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) return undefined;
  return value;
}
