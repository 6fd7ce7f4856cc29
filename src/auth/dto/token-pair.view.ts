import { ApiProperty } from '@nestjs/swagger';
import { UserView } from '../../users/dto/user.view';

export class TokenPairView {
  @ApiProperty({ description: 'A JWT for `Authorization: Bearer`' })
  accessToken!: string;

  @ApiProperty({ description: 'Single use: POST /auth/refresh answers a new pair and kills this one' })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;

  @ApiProperty({ type: UserView })
  user!: UserView;
}
