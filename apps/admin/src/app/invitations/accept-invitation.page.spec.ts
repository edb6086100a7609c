import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { InvitationPreview } from '@fieldbook/contracts';
import { anOrganization, aSession, configureAdminTestBed, errorBody, setXsrfCookie } from '../../testing/admin-test-bed';
import { ConsoleContext } from '../core/console-context.service';
import { AcceptInvitationPage } from './accept-invitation.page';

const TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdl';

function aPreview(overrides: Partial<InvitationPreview> = {}): InvitationPreview {
  return { organizationName: 'Northwind Heating & Air', email: 'kim@northwind.test', role: 'admin', expiresAt: '2026-11-27T09:00:00.000Z', existingUser: false, ...overrides };
}

describe('AcceptInvitationPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<AcceptInvitationPage>;
  let page: HTMLElement;

  async function open(answer: (request: ReturnType<HttpTestingController['expectOne']>) => void): Promise<void> {
    fixture = TestBed.createComponent(AcceptInvitationPage);
    fixture.componentRef.setInput('token', TOKEN);
    page = fixture.nativeElement;
    await fixture.whenStable();
    backend.expectOne('/api/auth/session').flush(errorBody(401, 'unauthenticated', 'Please sign in.'), { status: 401, statusText: 'Unauthorized' });
    answer(backend.expectOne(`/api/invitations/${TOKEN}`));
    await fixture.whenStable();
  }

  function type(id: string, value: string): void {
    const input = page.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
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

  it('lets someone new choose a name and a password, then opens the organization', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await open((request) => request.flush(aPreview()));
    expect(page.querySelector('h1')?.textContent).toBe('Join Northwind Heating & Air');
    expect(page.querySelector('.lead')?.textContent).toContain('kim@northwind.test is invited as Admin');
    expect(page.querySelector<HTMLInputElement>('#accept-email')!.value).toBe('kim@northwind.test');
    type('accept-name', 'Kim Lee');
    type('accept-password', 'four unrelated words here');
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const request = backend.expectOne({ method: 'POST', url: `/api/invitations/${TOKEN}/accept` });
    expect(request.request.body).toEqual({ name: 'Kim Lee', password: 'four unrelated words here' });
    const joined = anOrganization({ role: 'admin' });
    request.flush(aSession({ organizations: [anOrganization({ name: 'Elsewhere' }), joined] }));
    await fixture.whenStable();
    expect(TestBed.inject(ConsoleContext).organization()?.id).toBe(joined.id);
    expect(navigate).toHaveBeenCalledWith('/overview');
  });

  it('asks someone new for a password of at least 12 characters before sending', async () => {
    await open((request) => request.flush(aPreview()));
    type('accept-name', 'Kim Lee');
    type('accept-password', 'short');
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
    expect(page.querySelector('#accept-password-error')?.textContent).toBe('Use at least 12 characters.');
    backend.expectNone(`/api/invitations/${TOKEN}/accept`);
  });

  it('asks an existing account only for its password', async () => {
    await open((request) => request.flush(aPreview({ existingUser: true })));
    expect(page.querySelector('#accept-name')).toBeNull();
    expect(page.textContent).toContain('This email already has a Fieldbook account.');
    type('accept-password', 'pw');
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const request = backend.expectOne({ method: 'POST', url: `/api/invitations/${TOKEN}/accept` });
    expect(request.request.body).toEqual({ password: 'pw' });
    request.flush(errorBody(401, 'invalidCredentials', 'Email or password is incorrect.'), { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(page.querySelector('[role=alert]')?.textContent?.trim()).toBe('Email or password is incorrect.');
  });

  it('explains an invitation that cannot be used', async () => {
    await open((request) =>
      request.flush(errorBody(410, 'invitationExpired', 'This invitation has expired. Ask the person who invited you for a new one.'), { status: 410, statusText: 'Gone' }),
    );
    expect(page.querySelector('h1')?.textContent).toBe('This invitation cannot be used');
    expect(page.querySelector('[role=alert]')?.textContent).toBe('This invitation has expired. Ask the person who invited you for a new one.');
    expect(page.querySelector('form')).toBeNull();
  });
});
