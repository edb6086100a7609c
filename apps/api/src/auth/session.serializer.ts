import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import { AdminPrincipal } from '../common/request-context';
import { AdminUsersService } from '../platform/admin-users.service';

/** The session stores only the admin's id; each request reloads the admin (a deleted admin is signed out). */
@Injectable()
export class AdminSessionSerializer extends PassportSerializer {
  constructor(private readonly adminUsers: AdminUsersService) {
    super();
  }

  serializeUser(user: AdminPrincipal, done: (error: unknown, id?: string) => void): void {
    done(null, user.id);
  }

  deserializeUser(id: string, done: (error: unknown, user?: AdminPrincipal | false) => void): void {
    this.adminUsers.findById(id).then((user) => done(null, user ?? false), done);
  }
}
