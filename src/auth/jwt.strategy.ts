import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { StaffPrincipal } from '../common/access/principal';
import { AppConfig } from '../config/app-config';
import { AccessTokenClaims, AuthService } from './auth.service';

/** passport-jwt checks signature and expiry; the session and the user must also still be alive. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // jsonwebtoken takes a KeyObject too (passport-jwt's types say only string or Buffer).
      secretOrKey: config.jwtKey as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<StaffPrincipal | false> {
    return (await this.auth.principalFor(claims)) ?? false;
  }
}
