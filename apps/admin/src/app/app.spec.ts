import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { aSession, configureAdminTestBed, setXsrfCookie } from '../testing/admin-test-bed';
import { App } from './app';
import { SessionService } from './core/session.service';

describe('App shell', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<App>;
  let shell: HTMLElement;

  beforeEach(() => {
    backend = configureAdminTestBed();
    setXsrfCookie('token');
  });
  afterEach(() => {
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  async function open(): Promise<void> {
    fixture = TestBed.createComponent(App);
    shell = fixture.nativeElement;
    await fixture.whenStable();
  }

  it('shows who is signed in and signs them out', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    TestBed.inject(SessionService).adopt(aSession());
    await open();
    expect(shell.querySelector('.who')?.textContent).toBe('Dana Reyes');
    [...shell.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Sign out')!.click();
    backend.expectOne({ method: 'POST', url: '/api/auth/sign-out' }).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(shell.querySelector('.who')).toBeNull();
  });

  it('offers to try again when the server could not be asked about the session', async () => {
    await open();
    const loaded = TestBed.inject(SessionService).ensureLoaded();
    backend.expectOne('/api/auth/session').error(new ProgressEvent('error'));
    await loaded;
    await fixture.whenStable();
    expect(shell.querySelector('[role=alert]')?.textContent).toContain('We could not reach the server.');
  });

  it('saves a language switch on the account of the signed-in admin', async () => {
    TestBed.inject(SessionService).adopt(aSession({ language: 'en' }));
    await open();
    const select = shell.querySelector<HTMLSelectElement>('fb-language-switcher select')!;
    select.value = 'fr';
    select.dispatchEvent(new Event('change'));
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/auth/me' });
    expect(patch.request.body).toEqual({ language: 'fr' });
    patch.flush({ ...aSession().user, language: 'fr' });
    await fixture.whenStable();
    expect(shell.querySelector('.skip-link')?.textContent).toBe('Aller au contenu principal');
  });
});
