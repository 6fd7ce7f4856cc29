import { FactKind } from '../event-log/facts';

/**
 * A kitchen screen lost its device token (revoked, or a new pairing code issued): the sessions of the cooks who
 * signed in on it end in the same transaction, and with them their sockets.
 */
export const KITCHEN_DEVICE_REVOKED = new FactKind<{ deviceId: string }>('kitchen device revoked');
