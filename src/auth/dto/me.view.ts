import { ApiProperty } from '@nestjs/swagger';
import { UserView } from '../../users/dto/user.view';

/** The caller's own account: the user, and whether their password logins ask for a second factor. */
export class MeView extends UserView {
  @ApiProperty({ description: 'Whether password logins ask for a TOTP code (POST /auth/2fa/setup)' })
  twoFactorEnabled!: boolean;
}
