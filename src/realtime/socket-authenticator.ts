import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { StaffPrincipal } from '../common/access/principal';
import { Scope } from '../common/access/scope';
import { DomainError } from '../common/errors/domain-error';
import { FloorService, qrTokenHash } from '../floor/floor.service';
import { ApiKeyAuthenticator } from '../auth/api-keys/api-key-authenticator';
import { KitchenDevicesService } from '../kitchen/kitchen-devices.service';
import type { Viewer } from '../visibility/viewer';

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
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly kitchenDevices: KitchenDevicesService,
  ) {}

  /** `address` is the client's, for an API key's allow-list. */
  async authenticate(
    handshake: HandshakeAuth,
    address: string | undefined,
  ): Promise<AuthenticatedSocket | null> {
    const since = parseSince(handshake.since);
    if (since === undefined) return null;
    if (typeof handshake.token === 'string') {
      const chosenStations = parseStations(handshake.stations);
      if (chosenStations === undefined) return null;
      const staff = await this.auth.authenticateAccessToken(handshake.token);
      if (!staff) return null;
      // A cook signed in on a kitchen screen hears that screen's stations, whatever the handshake asks for.
      const deviceId = staff.principal.kitchenDeviceId;
      const stationIds = deviceId ? await this.kitchenDevices.stationsOf(deviceId) : chosenStations;
      if (stationIds === undefined) return null;
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
    if (typeof handshake.apiKey === 'string') {
      const key = await this.admitKey(handshake.apiKey, address);
      if (!key) return null;
      return { viewer: { kind: 'integration', principal: key.principal }, expiresAt: key.expiresAt, since };
    }
    return null;
  }

  /**
   * When a fresh access token presented on a live staff socket expires, if it is of the socket's own session
   * (the same person, role and stations); null refuses it.
   */
  async renewal(token: string, current: StaffPrincipal): Promise<Date | null> {
    const staff = await this.auth.authenticateAccessToken(token);
    if (!staff) return null;
    const { userId, sessionId, role } = staff.principal;
    const same = userId === current.userId && sessionId === current.sessionId && role === current.role;
    return same ? staff.expiresAt : null;
  }

  /** A refused key is already a security event; the socket only learns UNAUTHORIZED. */
  private async admitKey(apiKey: string, address: string | undefined) {
    try {
      return await this.apiKeys.admit(apiKey, { ip: address, route: 'socket.io' }, [Scope.EventsRead]);
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
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
