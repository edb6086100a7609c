import { Injectable } from '@nestjs/common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@fieldbook/contracts';
import * as argon2 from 'argon2';
import { ValidationFailedError } from '../../common/domain-error';
import { isCommonPassword } from './common-passwords';

/** argon2id with OWASP's minimum: 19 MiB, 2 iterations, 1 lane. */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  /** A hash of nothing anyone knows, verified against when the email is unknown so both paths cost the same. */
  private readonly decoy = argon2.hash('decoy password that matches no account', HASH_OPTIONS);

  /** Throws a field-level validation error when the password breaks the policy. */
  assertAcceptable(password: string, field = 'password'): void {
    const code = this.policyViolation(password);
    if (code) throw new ValidationFailedError([{ field, code: `api:errors.${code}`, params: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH } }]);
  }

  policyViolation(password: string): 'passwordTooShort' | 'passwordTooLong' | 'passwordTooCommon' | undefined {
    if ([...password].length < PASSWORD_MIN_LENGTH) return 'passwordTooShort';
    if (password.length > PASSWORD_MAX_LENGTH) return 'passwordTooLong';
    if (isCommonPassword(password)) return 'passwordTooCommon';
    return undefined;
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, HASH_OPTIONS);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }
}
