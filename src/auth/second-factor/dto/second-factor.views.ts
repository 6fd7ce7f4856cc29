import { ApiProperty } from '@nestjs/swagger';

export class SecondFactorSetupView {
  @ApiProperty({
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    description: 'Base32, for typing into the app',
  })
  secret!: string;

  @ApiProperty({
    example:
      'otpauth://totp/My%20Restaurant:anna?issuer=My%20Restaurant&secret=JBSW…&algorithm=SHA1&digits=6&period=30',
  })
  otpauthUrl!: string;

  @ApiProperty({ description: 'The otpauthUrl as a QR code: a PNG data URL (`data:image/png;base64,…`)' })
  qrCode!: string;
}

export class RecoveryCodesView {
  @ApiProperty({
    type: [String],
    example: ['k7qm-2xwe-9fza-ppd3'],
    description: 'Ten single-use codes for when the app is lost: shown this one time, stored only as hashes',
  })
  recoveryCodes!: string[];
}

/** The answer of a right password when the account has a second factor: no tokens yet. */
export class LoginChallengeView {
  @ApiProperty({ enum: [true] })
  mfaRequired!: true;

  @ApiProperty({ description: 'For POST /auth/login/2fa: single use, bound to this user' })
  mfaToken!: string;

  @ApiProperty({ description: 'Seconds until the mfaToken expires', example: 300 })
  expiresIn!: number;
}
