import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '../common/domain-error';
import { AdminPrincipal } from '../common/request-context';
import { AdminUsersService } from '../platform/admin-users.service';
import { PasswordService } from './passwords/password.service';
import { SignInThrottleService } from './sessions/sign-in-throttle.service';

@Injectable()
export class AdminAuthService {
  constructor(
    private readonly adminUsers: AdminUsersService,
    private readonly passwords: PasswordService,
    private readonly throttle: SignInThrottleService,
  ) {}

  /**
   * Checks an email and password under the sign-in limits. An unknown email and a wrong password
   * get the same answer, take the same time and count the same towards the lockout.
   */
  async verifyCredentials(email: string, password: string, address: string | undefined): Promise<AdminPrincipal> {
    const { emailKey, addressKey } = this.throttle.keys('admin', email, address);
    await this.throttle.assertNotLocked([emailKey, addressKey]);
    const user = await this.adminUsers.findByEmail(email);
    const valid = await this.passwords.verify(user?.passwordHash, password);
    if (!user || !valid) {
      await this.throttle.recordFailure(emailKey, addressKey);
      throw new UnauthenticatedError('invalidCredentials');
    }
    await this.throttle.recordSuccess(emailKey);
    const { passwordHash: _hash, ...principal } = user;
    return principal;
  }
}
