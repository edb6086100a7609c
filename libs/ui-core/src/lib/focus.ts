import { Injector, afterNextRender } from '@angular/core';

/** After the next render, moves focus to the first field marked invalid in `host`, or to its alert. */
export function focusFirstProblem(host: HTMLElement, injector: Injector): void {
  afterNextRender(
    () => {
      const target = host.querySelector<HTMLElement>('[aria-invalid="true"]') ?? host.querySelector<HTMLElement>('[role="alert"]');
      target?.focus();
    },
    { injector },
  );
}
