import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';

/** A key bound to a channel reaches that channel's routes only; staff are held to their roles by the guard. */
export function assertChannelCaller(principal: Principal, code: string): void {
  if (principal.kind === 'apiKey' && principal.channelCode !== code) {
    throw new DomainError(
      ErrorCode.Forbidden,
      principal.channelCode
        ? `This key is bound to the channel ${principal.channelCode}`
        : 'This key is bound to no channel: bind one with channelCode',
    );
  }
}
