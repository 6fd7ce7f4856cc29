import { Secret, TOTP } from 'otpauth';

/** The code an authenticator app shows at `at` for this base32 secret. */
export function totpCode(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });
}
