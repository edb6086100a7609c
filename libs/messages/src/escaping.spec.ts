import { MESSAGE_TYPES } from '@fieldbook/contracts';
import { renderMessage } from './render-message';
import { booking, branding, renderInput } from './test/builders';

/** Markup, both quotes and an ampersand: what a careless template would let through. */
const HOSTILE = `<script>alert("x")</script> & 'q' <img src=x onerror=alert(1)>`;
const HOSTILE_ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &lt;img src=x onerror=alert(1)&gt;';

/** Every tag our layout uses; anything else in the HTML came from a value. */
const OUR_TAGS = new Set(['html', 'head', 'meta', 'title', 'body', 'div', 'table', 'tbody', 'tr', 'td', 'th', 'p', 'br', 'a', 'img']);

const OUR_ATTRIBUTES = new Set(
  'align alt aria-hidden border cellpadding cellspacing charset content dir height href lang name rel role scope src style target valign width'.split(' '),
);

function hostileInput(type: (typeof MESSAGE_TYPES)[number]) {
  return renderInput(type, {
    contact: { firstName: HOSTILE, lastName: HOSTILE },
    snippets: {
      company_name: HOSTILE,
      contact_email: HOSTILE,
      contact_phone: HOSTILE,
      page_title: HOSTILE,
      page_footer: HOSTILE,
      custom_note: HOSTILE,
    },
    booking: booking({
      reference: HOSTILE,
      serviceName: HOSTILE,
      address: HOSTILE,
      previousStart: '2026-03-06T15:00:00Z',
      cancelReason: HOSTILE,
    }),
    override: {
      subject: `${HOSTILE} {{contactFirstName}} {{custom_note}}`,
      intro: `${HOSTILE}\n{{contactLastName}} {{serviceName}} {{reference}} {{companyName}} {{custom_note}}`,
    },
    link: { url: `https://portal.northwind.test/b/code?a=1&b="><script>x</script>`, label: HOSTILE },
    branding: branding({ logoUrl: `https://cdn.northwind.test/logo.png?"onload="alert(1)`, headerImageUrl: `https://cdn.northwind.test/h.png?'x'` }),
  });
}

describe('escaping', () => {
  describe.each(MESSAGE_TYPES)('the %s message full of markup', (type) => {
    const message = renderMessage(hostileInput(type));

    it('has no tag in its HTML but its own', () => {
      const tags = [...message.html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((match) => (match[1] ?? '').toLowerCase());
      expect(tags.filter((tag) => !OUR_TAGS.has(tag))).toEqual([]);
      expect(message.html).not.toMatch(/<script/i);
    });

    it('shows every value escaped, as the text it is', () => {
      expect(message.html).toContain(HOSTILE_ESCAPED);
      expect(message.html).not.toContain(HOSTILE);
      expect(message.html).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
    });

    it('keeps every attribute closed: no value adds an attribute such as onerror', () => {
      const attributeNames = new Set<string>();
      for (const [, attributes] of message.html.matchAll(/<[a-z]+((?:\s[^>]*)?)>/g)) {
        const emptied = (attributes ?? '').replace(/="[^"]*"/g, '');
        expect(emptied).toMatch(/^(\s+[a-z-]+)*$/);
        for (const name of emptied.trim().split(/\s+/)) if (name) attributeNames.add(name);
      }
      expect([...attributeNames].filter((name) => !OUR_ATTRIBUTES.has(name))).toEqual([]);
    });

    it('keeps the plain text and the SMS as plain text, unescaped', () => {
      expect(message.text).toContain(HOSTILE);
      expect(message.text).not.toContain('&lt;');
      expect(message.sms).not.toContain('&lt;');
    });
  });

  it('puts URLs into attributes percent-encoded, never with a raw quote or bracket', () => {
    const { html } = renderMessage(hostileInput('confirmed'));
    expect(html).toContain('href="https://portal.northwind.test/b/code?a=1&amp;b=%22%3E%3Cscript%3Ex%3C/script%3E"');
    expect(html).toContain('src="https://cdn.northwind.test/logo.png?%22onload=%22alert(1)"');
    expect(html).toContain('src="https://cdn.northwind.test/h.png?%27x%27"');
  });

  it('escapes values that fill override placeholders', () => {
    const { html, subject } = renderMessage(hostileInput('reminder'));
    expect(subject).toBe(`${HOSTILE} ${HOSTILE} ${HOSTILE}`);
    expect(html).toContain(`<title>${HOSTILE_ESCAPED} ${HOSTILE_ESCAPED} ${HOSTILE_ESCAPED}</title>`);
  });

  it('never reads a value as a catalog reference, and drops placeholders inside the company name', () => {
    const message = renderMessage(renderInput('invite', { snippets: { company_name: '$t(api:errors.internal) {{url}}' } }));
    expect(message.subject).toBe('Your invitation to the $t(api:errors.internal) customer portal');
    expect(message.text).not.toContain('Something went wrong');
  });
});
