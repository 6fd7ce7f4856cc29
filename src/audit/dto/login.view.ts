import { ApiProperty } from '@nestjs/swagger';

export enum LoginMethod {
  Password = 'password',
  Pin = 'pin',
  Refresh = 'refresh',
}

export enum LoginResult {
  Succeeded = 'succeeded',
  Failed = 'failed',
  /** This failure locked the account or the address out. */
  LockedOut = 'locked_out',
  /** Refused without checking the credentials: the account or the address was locked out. */
  RefusedLocked = 'refused_locked',
  /** A spent refresh token came back: its session was revoked. */
  TokenReused = 'token_reused',
}

/** One entry of a staff member's login history. */
export class LoginView {
  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' })
  ip!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The User-Agent header, cut to 255 characters' })
  userAgent!: string | null;

  @ApiProperty({ enum: LoginMethod, enumName: 'LoginMethod' })
  method!: LoginMethod;

  @ApiProperty({ enum: LoginResult, enumName: 'LoginResult' })
  result!: LoginResult;
}
