import { DomainError } from '../../common/errors/domain-error';
import { nonPublicReason } from '../../common/net/special-purpose-addresses';
import { literalAddressOf } from './address-guard';

export const MAX_URL_LENGTH = 2000;

/**
 * The checks a target URL must pass when it is saved: http or https, no credentials in it, and (unless private
 * targets are allowed) no literal private address. A name is checked again, resolved, at every delivery.
 */
export function assertValidTarget(text: string, allowPrivate: boolean): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw DomainError.invalidField('url', 'must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw DomainError.invalidField('url', 'must be an http or https URL');
  }
  if (url.username || url.password) {
    throw DomainError.invalidField('url', 'must not contain credentials');
  }
  const literal = literalAddressOf(url);
  const reason = literal && nonPublicReason(literal);
  if (!allowPrivate && reason) {
    throw DomainError.invalidField('url', `must not point to ${literal}: ${reason}, a non-public address`);
  }
}
