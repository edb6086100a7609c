import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { anOrganization, aSession, configureAdminTestBed } from '../../testing/admin-test-bed';
import { CONTEXT_STORAGE_KEY } from '../core/console-context.service';
import { SessionService } from '../core/session.service';
import { ConsoleLayoutComponent } from './console-layout.component';

describe('ConsoleLayoutComponent', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<ConsoleLayoutComponent>;
  let page: HTMLElement;

  async function open(...organizations: ReturnType<typeof anOrganization>[]): Promise<void> {
    TestBed.inject(SessionService).adopt(aSession({ organizations }));
    fixture = TestBed.createComponent(ConsoleLayoutComponent);
    page = fixture.nativeElement;
    await fixture.whenStable();
  }

  function environmentRadio(name: string): HTMLInputElement {
    const label = [...page.querySelectorAll('fieldset label')].find((candidate) => candidate.textContent?.trim() === name);
    return label!.querySelector('input')!;
  }

  beforeEach(() => (backend = configureAdminTestBed()));
  afterEach(() => {
    backend.verify();
    vi.restoreAllMocks();
  });

  it('works in production by default, without a sandbox banner', async () => {
    await open(anOrganization());
    expect(page.querySelector('fieldset legend')?.textContent).toBe('Environment');
    expect(environmentRadio('Production').checked).toBe(true);
    expect(page.querySelector('.sandbox-banner')).toBeNull();
  });

  it('shows an unmistakable banner once the sandbox is chosen, and remembers the choice', async () => {
    const organization = anOrganization({ name: 'Northwind Heating & Air' });
    await open(organization);
    const sandbox = environmentRadio('Sandbox');
    sandbox.click();
    await fixture.whenStable();
    const banner = page.querySelector('.sandbox-banner');
    expect(banner?.getAttribute('role')).toBe('note');
    expect(banner?.textContent).toContain('You are working in the sandbox of Northwind Heating & Air.');
    expect(page.querySelector('.context-bar')?.classList).toContain('context-bar-sandbox');
    expect(JSON.parse(localStorage.getItem(CONTEXT_STORAGE_KEY)!).environments[organization.id]).toBe(organization.environments[1]!.id);

    environmentRadio('Production').click();
    await fixture.whenStable();
    expect(page.querySelector('.sandbox-banner')).toBeNull();
  });

  it('names the organization and the admin’s role, with a chooser only when there are several', async () => {
    await open(anOrganization({ name: 'Northwind Heating & Air', role: 'dispatcher' }));
    expect(page.querySelector('.context-name')?.textContent).toBe('Northwind Heating & Air');
    expect(page.querySelector('.context-organization .badge')?.textContent).toBe('Dispatcher');
    expect(page.querySelector('#organization-select')).toBeNull();
  });

  it('switches between organizations', async () => {
    const second = anOrganization({ name: 'Second Co' });
    await open(anOrganization({ name: 'First Co' }), second);
    const select = page.querySelector<HTMLSelectElement>('#organization-select')!;
    select.value = second.id;
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(select.value).toBe(second.id);
    expect(page.querySelector('.context-organization .badge')?.textContent).toBe('Owner');
  });

  it('explains an account without any organization', async () => {
    await open();
    expect(page.querySelector('h1')?.textContent).toBe('No organization yet');
    expect(page.querySelector('nav')).toBeNull();
  });
});
