import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { configureAdminTestBed } from '../../testing/admin-test-bed';
import { HasUnsavedChanges, unsavedChangesGuard } from './unsaved-changes.guard';

@Component({ selector: 'fb-test-form', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class FormPage implements HasUnsavedChanges {
  static readonly dirty = signal(false);
  hasUnsavedChanges(): boolean {
    return FormPage.dirty();
  }
}

@Component({ selector: 'fb-test-elsewhere', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Elsewhere {}

describe('unsavedChangesGuard', () => {
  let router: Router;

  beforeEach(async () => {
    configureAdminTestBed([
      provideRouter([
        { path: 'form', component: FormPage, canDeactivate: [unsavedChangesGuard] },
        { path: 'elsewhere', component: Elsewhere },
      ]),
    ]);
    router = TestBed.inject(Router);
    FormPage.dirty.set(false);
    await RouterTestingHarness.create('/form');
  });
  afterEach(() => vi.restoreAllMocks());

  it('lets a clean form go without asking', async () => {
    const confirm = vi.spyOn(window, 'confirm');
    expect(await router.navigateByUrl('/elsewhere')).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
    expect(router.url).toBe('/elsewhere');
  });

  it('asks before leaving unsaved changes and stays when the answer is no', async () => {
    FormPage.dirty.set(true);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    expect(await router.navigateByUrl('/elsewhere')).toBe(false);
    expect(confirm).toHaveBeenCalledWith('You have unsaved changes. Leave this page and lose them?');
    expect(router.url).toBe('/form');
  });

  it('leaves when the answer is yes', async () => {
    FormPage.dirty.set(true);
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    expect(await router.navigateByUrl('/elsewhere')).toBe(true);
    expect(router.url).toBe('/elsewhere');
  });
});
