import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { aSession, configureAdminTestBed } from '../../testing/admin-test-bed';
import { ConsoleContext } from '../core/console-context.service';
import { SessionService } from '../core/session.service';
import { OverviewPage } from './overview.page';

describe('OverviewPage', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<OverviewPage>;
  let page: HTMLElement;

  beforeEach(async () => {
    backend = configureAdminTestBed();
    TestBed.inject(SessionService).adopt(aSession());
    fixture = TestBed.createComponent(OverviewPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    backend.verify();
    vi.restoreAllMocks();
  });

  it('shows the portal name and links to the portal of the chosen environment', async () => {
    const production = TestBed.inject(ConsoleContext).environment()!;
    backend.expectOne(`/api/environments/${production.id}/portal-settings`).flush({ environmentId: production.id, portalName: 'Northwind Heating & Air', updatedAt: '' });
    await fixture.whenStable();
    expect(page.querySelector('.portal-name')?.textContent).toBe('Northwind Heating & Air');
    const link = page.querySelector<HTMLAnchorElement>('.portal-link')!;
    expect(link.getAttribute('href')).toBe('http://localhost:3000/p/northwind');
    expect(link.textContent).toContain('opens in a new tab');
  });

  it('follows a switch to the sandbox', async () => {
    const context = TestBed.inject(ConsoleContext);
    backend.expectOne(`/api/environments/${context.environment()!.id}/portal-settings`).flush({ environmentId: 'x', portalName: 'Northwind', updatedAt: '' });
    const sandbox = context.organization()!.environments[1]!;
    context.selectEnvironment(sandbox.id);
    await fixture.whenStable();
    backend.expectOne(`/api/environments/${sandbox.id}/portal-settings`).flush({ environmentId: sandbox.id, portalName: 'Northwind (test)', updatedAt: '' });
    await fixture.whenStable();
    expect(page.querySelector('.portal-name')?.textContent).toBe('Northwind (test)');
    expect(page.querySelector<HTMLAnchorElement>('.portal-link')!.getAttribute('href')).toBe('http://localhost:3000/p/northwind-sandbox');
    expect(page.textContent).toContain('Nothing booked here reaches a real customer.');
  });
});
