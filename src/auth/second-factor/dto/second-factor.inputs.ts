import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { DomainError } from '../../../common/errors/domain-error';
import { OptionalNotNull } from '../../../common/optional-not-null';

const SIX_DIGITS = { message: 'must be the 6 digits the authenticator app shows' };

/** Enrolling asks for the password again: an access token alone may have been stolen. */
export class SetupSecondFactorInput {
  @ApiProperty({ example: 'correct horse battery staple', description: 'The account password' })
  @IsString()
  @Length(1, 200)
  password!: string;
}

export class EnableSecondFactorInput extends SetupSecondFactorInput {
  @ApiProperty({ example: '492039', description: 'The code the authenticator app shows now' })
  @IsString()
  @Matches(/^\d{6}$/, SIX_DIGITS)
  code!: string;
}

export class DisableSecondFactorInput {
  @ApiPropertyOptional({ example: '492039', description: 'A current code; or send `password` instead' })
  @OptionalNotNull()
  @IsString()
  @Matches(/^\d{6}$/, SIX_DIGITS)
  code?: string;

  @ApiPropertyOptional({
    example: 'correct horse battery staple',
    description: 'The account password; or send `code` instead',
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  password?: string;
}

export class SecondFactorLoginInput {
  @ApiProperty({ description: 'From the `mfaRequired` answer of POST /auth/login' })
  @IsString()
  @Length(1, 200)
  mfaToken!: string;

  @ApiPropertyOptional({ example: '492039', description: 'A current code; or send `recoveryCode` instead' })
  @OptionalNotNull()
  @IsString()
  @Matches(/^\d{6}$/, SIX_DIGITS)
  code?: string;

  @ApiPropertyOptional({
    example: 'k7qm-2xwe-9fza-ppd3',
    description: 'One of the recovery codes given at enrolment; each works once',
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, 64)
  recoveryCode?: string;
}

/** What proves the second factor: a code of the app, or a recovery code. */
export type SecondFactorProof =
  { method: 'totp'; code: string } | { method: 'recovery'; recoveryCode: string };

export function proofOf({ code, recoveryCode }: SecondFactorLoginInput): SecondFactorProof {
  return exactlyOne({ code, recoveryCode }) === 'code'
    ? { method: 'totp', code: code! }
    : { method: 'recovery', recoveryCode: recoveryCode! };
}

/** The one field of `fields` that was sent; a 422 naming them when none or several were. */
export function exactlyOne<Field extends string>(fields: Record<Field, string | undefined>): Field {
  const sent = (Object.keys(fields) as Field[]).filter((field) => fields[field] !== undefined);
  if (sent.length !== 1) {
    const names = Object.keys(fields).join(' or ');
    throw DomainError.invalidField(names, `send exactly one of ${names}`);
  }
  return sent[0];
}
