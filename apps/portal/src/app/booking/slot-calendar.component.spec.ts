import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { I18n, provideI18n } from '@fieldbook/ui-i18n';
import { SlotCalendarComponent } from './slot-calendar.component';

@Component({
  imports: [SlotCalendarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<fb-slot-calendar
    [month]="month()"
    [available]="available()"
    [loading]="loading()"
    [selected]="selected()"
    minMonth="2026-11"
    maxMonth="2026-12"
    (dayChosen)="chosen.push($event)"
    (monthChange)="month.set($event)"
  />`,
})
class HostComponent {
  readonly month = signal('2026-11');
  readonly available = signal<ReadonlySet<string>>(new Set(['2026-11-24', '2026-11-26']));
  readonly loading = signal(false);
  readonly selected = signal<string | null>(null);
  readonly chosen: string[] = [];
}

describe('SlotCalendarComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let page: HTMLElement;

  const day = (date: string) => page.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`)!;
  const press = async (target: HTMLElement, key: string) => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    localStorage.clear();
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US']);
    TestBed.configureTestingModule({ providers: [provideI18n({ namespace: 'portal', storageKey: 'fieldbook.test.calendar' })] });
    fixture = TestBed.createComponent(HostComponent);
    page = fixture.nativeElement;
    document.body.appendChild(page);
    await fixture.whenStable();
  });
  afterEach(() => {
    page.remove();
    vi.restoreAllMocks();
  });

  it('names every day by its full date and whether it has free times', () => {
    expect(day('2026-11-24').getAttribute('aria-label')).toBe('Tuesday, November 24, 2026, available');
    expect(day('2026-11-25').getAttribute('aria-label')).toBe('Wednesday, November 25, 2026, no times');
    expect(day('2026-11-25').getAttribute('aria-disabled')).toBe('true');
    expect(day('2026-11-24').hasAttribute('aria-disabled')).toBe(false);
    expect(page.querySelector('table')?.getAttribute('role')).toBe('grid');
    expect(page.querySelectorAll('th')[0]?.getAttribute('abbr')).toBe('Sunday');
  });

  it('names the days in the customer’s language', async () => {
    TestBed.inject(I18n).use('de');
    await fixture.whenStable();
    expect(day('2026-11-24').getAttribute('aria-label')).toBe('Dienstag, 24. November 2026, verfügbar');
    expect(page.querySelector('.month')?.textContent).toBe('November 2026');
  });

  it('chooses only days with free times, and marks the chosen day as pressed', async () => {
    day('2026-11-25').click();
    day('2026-11-24').click();
    expect(fixture.componentInstance.chosen).toEqual(['2026-11-24']);
    fixture.componentInstance.selected.set('2026-11-24');
    await fixture.whenStable();
    expect(day('2026-11-24').getAttribute('aria-pressed')).toBe('true');
    expect(day('2026-11-26').getAttribute('aria-pressed')).toBe('false');
  });

  it('puts one day in the tab order: the first one with free times', () => {
    const tabbable = [...page.querySelectorAll<HTMLButtonElement>('button.day')].filter((button) => button.tabIndex === 0);
    expect(tabbable.map((button) => button.dataset['date'])).toEqual(['2026-11-24']);
  });

  it('moves between days with the arrow keys, Home and End', async () => {
    day('2026-11-24').focus();
    await press(day('2026-11-24'), 'ArrowRight');
    expect(document.activeElement).toBe(day('2026-11-25'));
    expect(day('2026-11-25').tabIndex).toBe(0);
    expect(day('2026-11-24').tabIndex).toBe(-1);
    await press(day('2026-11-25'), 'ArrowUp');
    expect(document.activeElement).toBe(day('2026-11-18'));
    await press(day('2026-11-18'), 'End');
    expect(document.activeElement).toBe(day('2026-11-21'));
    await press(day('2026-11-21'), 'Home');
    expect(document.activeElement).toBe(day('2026-11-15'));
  });

  it('goes on to the next month when the arrow keys leave this one, within the allowed months', async () => {
    day('2026-11-26').focus();
    await press(day('2026-11-26'), 'ArrowDown');
    expect(fixture.componentInstance.month()).toBe('2026-12');
    await fixture.whenStable();
    expect(document.activeElement).toBe(day('2026-12-03'));
    await press(day('2026-12-03'), 'PageDown');
    expect(fixture.componentInstance.month()).toBe('2026-12');
  });

  it('moves between months with its buttons, not past the allowed ones', async () => {
    const [previous, next] = [...page.querySelectorAll<HTMLButtonElement>('button.nav')];
    expect(previous!.textContent?.trim()).toContain('Previous month');
    expect(previous!.getAttribute('aria-disabled')).toBe('true');
    previous!.click();
    expect(fixture.componentInstance.month()).toBe('2026-11');
    next!.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.month()).toBe('2026-12');
    expect(page.querySelector('.month')?.textContent).toBe('December 2026');
  });

  it('offers no day while the times are loading', async () => {
    fixture.componentInstance.loading.set(true);
    await fixture.whenStable();
    expect(day('2026-11-24').getAttribute('aria-disabled')).toBe('true');
    expect(day('2026-11-24').getAttribute('aria-label')).toBe('Tuesday, November 24, 2026');
    expect(page.querySelector('table')?.getAttribute('aria-busy')).toBe('true');
    day('2026-11-24').click();
    expect(fixture.componentInstance.chosen).toEqual([]);
  });
});
