import { KitchenModule } from '../kitchen/kitchen.module';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { SecurityModule } from '../security/security.module';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { PasswordRecheck } from './second-factor/password-recheck';
import { SecondFactorCodes } from './second-factor/second-factor-codes';
import { SecondFactorLogin } from './second-factor/second-factor-login';
import {
  SecondFactorController,
  SecondFactorResetController,
} from './second-factor/second-factor.controller';
import { SecondFactorService } from './second-factor/second-factor.service';
import { SessionRevocation } from './session-revocation';

@Module({
  imports: [
    UsersModule,
    KitchenModule,
    AuditModule,
    SecurityModule,
    ApiKeysModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtKey,
        signOptions: { algorithm: 'HS256', expiresIn: config.accessTokenTtlSeconds },
      }),
    }),
  ],
  controllers: [AuthController, SecondFactorController, SecondFactorResetController],
  providers: [
    AuthService,
    LoginThrottle,
    PasswordRecheck,
    SessionRevocation,
    SecondFactorCodes,
    SecondFactorLogin,
    SecondFactorService,
    JwtStrategy,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, ApiKeysModule],
})
export class AuthModule {}
