import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { aSession, configureAdminTestBed, setXsrfCookie } from '../../testing/admin-test-bed';
import { SessionService } from '../core/session.service';
import { SettingsLayoutComponent } from './settings-layout.component';
import { SETTINGS_ROUTES } from './settings.routes';

describe('settings routes', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let environmentId: string;

  beforeEach(async () => {
    backend = configureAdminTestBed([
      provideRouter([
        { path: 'settings', component: SettingsLayoutComponent, children: SETTINGS_ROUTES },
        { path: 'members', children: [] },
      ]),
    ]);
    setXsrfCookie('token');
    const session = aSession({ role: 'owner' });
    environmentId = session.organizations[0]!.environments[0]!.id;
    TestBed.inject(SessionService).adopt(session);
    harness = await RouterTestingHarness.create();
  });
  afterEach(() => {
    backend.verify();
    setXsrfCookie(null);
    vi.restoreAllMocks();
  });

  async function openPortalSettings(): Promise<HTMLInputElement> {
    await harness.navigateByUrl('/settings');
    backend.expectOne(`/api/environments/${environmentId}/portal-settings`).flush({ environmentId, portalName: 'Northwind', updatedAt: '2026-11-20T09:00:00.000Z' });
    await harness.fixture.whenStable();
    return harness.routeNativeElement!.querySelector<HTMLInputElement>('#portal-name')!;
  }

  it('opens the portal settings first and names every settings page in its navigation', async () => {
    await openPortalSettings();
    expect(TestBed.inject(Router).url).toBe('/settings/portal');
    const nav = harness.fixture.nativeElement.querySelector('nav[aria-label="Settings"]') as HTMLElement;
    expect([...nav.querySelectorAll('a')].map((link) => link.textContent?.trim())).toEqual([
      'Portal settings',
      'Branding',
      'Content snippets',
      'Message settings',
      'Message templates',
    ]);
    expect(nav.querySelector('a[aria-current="page"]')?.textContent?.trim()).toBe('Portal settings');
  });

  it('asks before leaving a changed form, stays on no and leaves on yes', async () => {
    const name = await openPortalSettings();
    name.value = 'Northwind Service';
    name.dispatchEvent(new Event('input'));
    await harness.fixture.whenStable();

    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    expect(await TestBed.inject(Router).navigateByUrl('/members')).toBe(false);
    expect(confirm).toHaveBeenCalledWith('You have unsaved changes. Leave this page and lose them?');
    expect(TestBed.inject(Router).url).toBe('/settings/portal');

    confirm.mockReturnValue(true);
    expect(await TestBed.inject(Router).navigateByUrl('/members')).toBe(true);
    expect(TestBed.inject(Router).url).toBe('/members');
  });

  it('leaves an unchanged form without asking', async () => {
    await openPortalSettings();
    const confirm = vi.spyOn(window, 'confirm');
    expect(await TestBed.inject(Router).navigateByUrl('/members')).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
  });
});
