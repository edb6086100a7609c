import { TestBed } from '@angular/core/testing';
import { anOrganization, aSession, configureAdminTestBed } from '../../testing/admin-test-bed';
import { CONTEXT_STORAGE_KEY, ConsoleContext } from './console-context.service';
import { SessionService } from './session.service';

describe('ConsoleContext', () => {
  beforeEach(() => configureAdminTestBed());
  afterEach(() => vi.restoreAllMocks());

  function signIn(...organizations: ReturnType<typeof anOrganization>[]): ConsoleContext {
    TestBed.inject(SessionService).adopt(aSession({ organizations }));
    return TestBed.inject(ConsoleContext);
  }

  it('starts in the first organization, in production', () => {
    const first = anOrganization({ name: 'First' });
    const context = signIn(first, anOrganization({ name: 'Second' }));
    expect(context.organization()?.name).toBe('First');
    expect(context.environment()?.kind).toBe('production');
    expect(context.sandbox()).toBe(false);
  });

  it('switches to the sandbox and remembers it for the next visit', () => {
    const organization = anOrganization();
    const context = signIn(organization);
    const sandbox = organization.environments.find((environment) => environment.kind === 'sandbox')!;
    context.selectEnvironment(sandbox.id);
    expect(context.environment()?.id).toBe(sandbox.id);
    expect(context.sandbox()).toBe(true);

    TestBed.resetTestingModule();
    const stored = localStorage.getItem(CONTEXT_STORAGE_KEY);
    configureAdminTestBed();
    localStorage.setItem(CONTEXT_STORAGE_KEY, stored!);
    expect(signIn(organization).sandbox()).toBe(true);
  });

  it('remembers the environment per organization', () => {
    const first = anOrganization({ name: 'First' });
    const second = anOrganization({ name: 'Second' });
    const context = signIn(first, second);
    context.selectEnvironment(first.environments[1]!.id);
    context.selectOrganization(second.id);
    expect(context.environment()?.kind).toBe('production');
    context.selectOrganization(first.id);
    expect(context.environment()?.kind).toBe('sandbox');
  });

  it('ignores an environment of another organization', () => {
    const first = anOrganization();
    const second = anOrganization();
    const context = signIn(first, second);
    context.selectEnvironment(second.environments[1]!.id);
    expect(context.organization()?.id).toBe(first.id);
    expect(context.environment()?.id).toBe(first.environments[0]!.id);
  });

  it('falls back when what was remembered is gone or unreadable', () => {
    localStorage.setItem(CONTEXT_STORAGE_KEY, JSON.stringify({ organizationId: 'gone', environments: { gone: 'gone' } }));
    const organization = anOrganization();
    expect(signIn(organization).organization()?.id).toBe(organization.id);

    TestBed.resetTestingModule();
    configureAdminTestBed();
    localStorage.setItem(CONTEXT_STORAGE_KEY, '{not json');
    expect(signIn(organization).environment()?.kind).toBe('production');
  });

  it.each([
    ['owner', true],
    ['admin', true],
    ['dispatcher', false],
  ] as const)('lets a %s manage members: %s', (role, allowed) => {
    expect(signIn(anOrganization({ role })).canManageMembers()).toBe(allowed);
  });

  it('has nothing to work in without an organization', () => {
    const context = signIn();
    expect(context.organization()).toBeNull();
    expect(context.environment()).toBeNull();
    expect(context.canManageMembers()).toBe(false);
  });
});
