import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { InvitationCreated, InvitationSummary, MemberSummary, Role } from '@fieldbook/contracts';
import { I18n } from '@fieldbook/ui-i18n';
import { aMember, aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from '../core/session.service';
import { MembersPage } from './members.page';

const owner = (): MemberSummary => aMember({ adminUserId: 'user-dana', name: 'Dana Reyes', email: 'dana@northwind.test', role: 'owner' });
const dispatcher = (): MemberSummary => aMember({ adminUserId: 'user-sam', name: 'Sam Ortiz', email: 'sam@northwind.test', role: 'dispatcher' });

function anInvitation(overrides: Partial<InvitationSummary> = {}): InvitationSummary {
  return {
    id: 'invitation-1',
    email: 'kim@northwind.test',
    role: 'admin',
    invitedByName: 'Dana Reyes',
    createdAt: '2026-11-20T09:00:00.000Z',
    expiresAt: '2026-11-27T09:00:00.000Z',
    ...overrides,
  };
}

describe('MembersPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<MembersPage>;
  let page: HTMLElement;
  let organizationId: string;

  async function open(role: Role, members: MemberSummary[], invitations: InvitationSummary[] = []): Promise<void> {
    const session = aSession({ role });
    organizationId = session.organizations[0]!.id;
    TestBed.inject(SessionService).adopt(session);
    fixture = TestBed.createComponent(MembersPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    backend.expectOne(`/api/organizations/${organizationId}/members`).flush(members);
    if (role !== 'dispatcher') backend.expectOne(`/api/organizations/${organizationId}/invitations`).flush(invitations);
    await fixture.whenStable();
  }

  function button(text: string, scope: ParentNode = page): HTMLButtonElement {
    const found = [...scope.querySelectorAll('button')].find((candidate) => candidate.textContent?.replace(/\s+/g, ' ').trim() === text);
    if (!found) throw new Error(`No button "${text}"`);
    return found;
  }

  function rowOf(name: string): HTMLTableRowElement {
    const row = [...page.querySelectorAll('tbody tr')].find((candidate) => candidate.querySelector('th')?.textContent?.includes(name));
    if (!row) throw new Error(`No row for ${name}`);
    return row as HTMLTableRowElement;
  }

  beforeEach(() => {
    backend = configureAdminTestBed();
    setXsrfCookie('token');
  });
  afterEach(() => {
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  it('lists members with their roles and marks the signed-in admin', async () => {
    await open('owner', [owner(), dispatcher()]);
    expect(rowOf('Dana Reyes').textContent).toContain('(you)');
    expect(rowOf('Sam Ortiz').querySelector('td')?.textContent).toBe('sam@northwind.test');
    const select = rowOf('Sam Ortiz').querySelector('select')!;
    expect(select.value).toBe('dispatcher');
    expect(page.querySelector(`label[for="${select.id}"]`)?.textContent).toBe('Role of Sam Ortiz');
  });

  it('changes a role and says so', async () => {
    await open('owner', [owner(), dispatcher()]);
    const select = rowOf('Sam Ortiz').querySelector('select')!;
    select.value = 'admin';
    select.dispatchEvent(new Event('change'));
    const request = backend.expectOne({ method: 'PATCH', url: `/api/organizations/${organizationId}/members/user-sam` });
    expect(request.request.body).toEqual({ role: 'admin' });
    request.flush({ ...dispatcher(), role: 'admin' });
    await fixture.whenStable();
    backend.expectOne(`/api/organizations/${organizationId}/members`).flush([owner(), { ...dispatcher(), role: 'admin' }]);
    await fixture.whenStable();
    expect(page.querySelector('[role=status]')?.textContent?.trim()).toBe('Sam Ortiz is now Admin.');
    TestBed.inject(I18n).use('es');
    await fixture.whenStable();
    expect(page.querySelector('[role=status]')?.textContent?.trim()).toBe('Sam Ortiz ahora tiene el rol Administrador.');
  });

  it('shows why the last owner cannot be demoted, and puts the role back', async () => {
    await open('owner', [owner(), dispatcher()]);
    const select = rowOf('Dana Reyes').querySelector('select')!;
    select.value = 'admin';
    select.dispatchEvent(new Event('change'));
    backend
      .expectOne({ method: 'PATCH', url: `/api/organizations/${organizationId}/members/user-dana` })
      .flush(errorBody(409, 'lastOwner', 'The organization must keep at least one owner. Make someone else an owner first.'), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    backend.expectOne(`/api/organizations/${organizationId}/members`).flush([owner(), dispatcher()]);
    await fixture.whenStable();
    const alert = page.querySelector('#members-problem');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent?.trim()).toBe('The organization must keep at least one owner. Make someone else an owner first.');
    expect(select.value).toBe('owner');
    expect(document.activeElement).toBe(alert);
  });

  it('removes a member only after confirmation', async () => {
    await open('owner', [owner(), dispatcher()]);
    button('Remove Sam Ortiz', rowOf('Sam Ortiz')).click();
    await fixture.whenStable();
    backend.expectNone({ method: 'DELETE' });
    expect(rowOf('Sam Ortiz').textContent).toContain('Remove Sam Ortiz from Northwind Heating & Air?');
    const confirm = button('Yes, remove', rowOf('Sam Ortiz'));
    expect(document.activeElement).toBe(confirm);
    confirm.click();
    backend.expectOne({ method: 'DELETE', url: `/api/organizations/${organizationId}/members/user-sam` }).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    backend.expectOne(`/api/organizations/${organizationId}/members`).flush([owner()]);
    await fixture.whenStable();
    expect(page.querySelector('[role=status]')?.textContent?.trim()).toBe('Sam Ortiz was removed.');
    expect(page.querySelectorAll('tbody tr')).toHaveLength(1);
  });

  it('cancels a removal and returns focus to the remove button', async () => {
    await open('owner', [owner(), dispatcher()]);
    button('Remove Sam Ortiz', rowOf('Sam Ortiz')).click();
    await fixture.whenStable();
    button('Cancel', rowOf('Sam Ortiz')).click();
    await fixture.whenStable();
    expect(document.activeElement).toBe(button('Remove Sam Ortiz', rowOf('Sam Ortiz')));
    backend.expectNone({ method: 'DELETE' });
  });

  it('invites with a role and shows the one-time link with a copy button', async () => {
    await open('owner', [owner()]);
    const email = page.querySelector<HTMLInputElement>('#invite-email')!;
    email.value = 'kim@northwind.test';
    email.dispatchEvent(new Event('input'));
    const role = page.querySelector<HTMLSelectElement>('#invite-role')!;
    expect([...role.options].map((option) => option.value)).toEqual(['owner', 'admin', 'dispatcher']);
    role.value = 'admin';
    role.dispatchEvent(new Event('change'));
    button('Create invitation').click();
    const request = backend.expectOne({ method: 'POST', url: `/api/organizations/${organizationId}/invitations` });
    expect(request.request.body).toEqual({ email: 'kim@northwind.test', role: 'admin' });
    const created: InvitationCreated = { ...anInvitation(), acceptUrl: 'http://localhost:3000/admin/invitations/abcdefghijklmnopqrstuvwxyz' };
    request.flush(created, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    backend.expectOne(`/api/organizations/${organizationId}/invitations`).flush([anInvitation()]);
    await fixture.whenStable();
    const link = page.querySelector<HTMLInputElement>('#invitation-link')!;
    expect(link.value).toBe(created.acceptUrl);
    expect(link.readOnly).toBe(true);
    expect(page.querySelector('#invitation-created h3')?.textContent).toBe('Invitation for kim@northwind.test is ready');
    expect(page.querySelector('#invitation-created button')?.getAttribute('aria-label')).toBe('Copy the invitation link');
    expect(email.value).toBe('');
    expect(page.querySelector('#invite-email-error')).toBeNull();
    expect(email.getAttribute('aria-invalid')).toBe('false');
  });

  it('lets an admin hand out every role but owner', async () => {
    await open('admin', [owner(), dispatcher()]);
    expect([...page.querySelector<HTMLSelectElement>('#invite-role')!.options].map((option) => option.value)).toEqual(['admin', 'dispatcher']);
    expect(rowOf('Dana Reyes').querySelector('select')).toBeNull();
    expect(rowOf('Dana Reyes').textContent).toContain('Owner');
    expect(rowOf('Sam Ortiz').querySelector('select')).not.toBeNull();
  });

  it('lists pending invitations and revokes one', async () => {
    await open('owner', [owner()], [anInvitation()]);
    const row = rowOf('kim@northwind.test');
    expect(row.textContent).toContain('Admin');
    expect(row.textContent).toContain('Dana Reyes');
    button('Revoke kim@northwind.test', row).click();
    backend.expectOne({ method: 'DELETE', url: `/api/organizations/${organizationId}/invitations/invitation-1` }).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    backend.expectOne(`/api/organizations/${organizationId}/invitations`).flush([]);
    await fixture.whenStable();
    expect(page.querySelector('[role=status]')?.textContent?.trim()).toBe('The invitation for kim@northwind.test was revoked.');
    expect(page.textContent).toContain('No invitations are waiting to be accepted.');
  });

  it('shows dispatchers the list only', async () => {
    await open('dispatcher', [owner(), dispatcher()]);
    expect(page.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(page.querySelector('select')).toBeNull();
    expect(page.querySelector('#invite-email')).toBeNull();
    expect([...page.querySelectorAll('button')]).toHaveLength(0);
    expect(page.textContent).toContain('Only owners and admins can invite people, change roles or remove members.');
  });

  it('shows why the list could not be loaded', async () => {
    const session = aSession({ role: 'dispatcher' });
    TestBed.inject(SessionService).adopt(session);
    fixture = TestBed.createComponent(MembersPage);
    await fixture.whenStable();
    backend.expectOne(`/api/organizations/${session.organizations[0]!.id}/members`).error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[role=alert]')?.textContent).toBe('We could not reach the server. Check your connection and try again.');
  });
});
