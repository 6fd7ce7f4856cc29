import { Injectable } from '@nestjs/common';
import { SecretBox } from '../../common/crypto/secret-box';
import { AppConfig } from '../../config/app-config';
import type { Webhook } from './webhook.entity';

/** How long the secret before a rotation still signs deliveries, beside the new one. */
export const ROTATION_GRACE_MS = 24 * 60 * 60_000;

/** Signing secrets sealed at rest under ENCRYPTION_KEY, each bound to its webhook's id. */
@Injectable()
export class WebhookSecrets {
  private readonly box: SecretBox;

  constructor(config: AppConfig) {
    this.box = new SecretBox(config.encryptionKey);
  }

  seal(webhookId: string, secret: string): string {
    return this.box.seal(secret, webhookId);
  }

  /** The secrets a delivery is signed with at `now`: the current one, and the previous one during its grace. */
  signingSecrets(webhook: Webhook, now: Date): string[] {
    const current = this.box.open(webhook.sealedSecret, webhook.id);
    const previousValid =
      webhook.sealedPreviousSecret !== null &&
      webhook.previousSecretExpiresAt !== null &&
      webhook.previousSecretExpiresAt.getTime() > now.getTime();
    return previousValid ? [current, this.box.open(webhook.sealedPreviousSecret!, webhook.id)] : [current];
  }
}
