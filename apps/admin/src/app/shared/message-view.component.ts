import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';
import { MessageChannel } from '@fieldbook/contracts';
import { TranslatePipe } from '@fieldbook/ui-i18n';

/** A message as its recipient got it. */
export interface ViewedMessage {
  channel: MessageChannel;
  subject: string | null;
  text: string;
  html: string | null;
  attachments: string[];
}

/**
 * Shows a sent message: subject, the HTML version, the text version (or the SMS). The HTML comes
 * from templates tenants edit and from customer data, so it is shown only inside an iframe
 * sandboxed with no permissions at all: no scripts, no forms, no access to this page or its cookies.
 */
@Component({
  selector: 'fb-message-view',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let shown = message();
    @if (shown.channel === 'email') {
      <dl class="facts">
        <div>
          <dt>{{ 'messageView.subject' | t }}</dt>
          <dd class="message-subject">{{ shown.subject ?? ('messageView.noSubject' | t) }}</dd>
        </div>
        @if (shown.attachments.length > 0) {
          <div>
            <dt>{{ 'messageView.attachments' | t }}</dt>
            <dd>{{ shown.attachments.join(', ') }}</dd>
          </div>
        }
      </dl>
      @if (html(); as content) {
        <h3>{{ 'messageView.htmlHeading' | t }}</h3>
        <iframe class="message-frame" sandbox="" referrerpolicy="no-referrer" [title]="'messageView.htmlFrameTitle' | t" [srcdoc]="content"></iframe>
      }
      <h3>{{ 'messageView.textHeading' | t }}</h3>
      <pre class="message-text">{{ shown.text }}</pre>
    } @else {
      <h3>{{ 'messageView.smsHeading' | t }}</h3>
      <p class="message-sms">{{ shown.text }}</p>
      <p class="field-hint">{{ 'messageView.smsLength' | t: { count: shown.text.length } }}</p>
    }
  `,
})
export class MessageViewComponent {
  private readonly sanitizer = inject(DomSanitizer);
  readonly message = input.required<ViewedMessage>();

  /**
   * Angular would strip the styling out of `srcdoc`; the sandbox above is what keeps the page safe,
   * so the HTML goes into the frame as it was sent.
   */
  protected readonly html = computed<SafeHtml | null>(() => {
    const html = this.message().html;
    return html ? this.sanitizer.bypassSecurityTrustHtml(html) : null;
  });
}
